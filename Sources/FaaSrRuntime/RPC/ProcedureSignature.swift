import FaaSrCore

/// The arguments one `/faasr-action` procedure takes, as FaaSr 2.x's function API declares
/// them (FaaSr_py's client stubs and server, our clients in `clients/`; spec/runtime.md §2.8,
/// §3.1): which are required, and the default of each optional one.
///
/// ``check(_:)`` is the gate every request passes before anything is read, written or
/// deleted: a required argument must be a non-empty string; an optional one a string, or
/// absent or null (then its default); nothing else may be given. FaaSr's server forwards the
/// arguments as Python keyword arguments, so there too a missing required argument or an
/// unknown name fails the call.
struct ProcedureSignature: Sendable {
    /// The ProcedureID.
    let name: String
    /// Arguments that must be given as non-empty strings, in FaaSr's order.
    let required: [String]
    /// Optional arguments and their defaults, in FaaSr's order.
    let optional: [(name: String, defaultValue: String)]
    /// Other names accepted for an argument (`faasr_prefix` for `prefix`, as FaaSr's docs and
    /// R 1.x call it).
    var aliases: [String: String] = [:]

    /// Every procedure, by ProcedureID.
    static let all: [String: ProcedureSignature] = {
        let transfer = [("server_name", ""), ("local_folder", "."), ("remote_folder", ".")]
        let list: [ProcedureSignature] = [
            .init(name: "faasr_log", required: ["log_message"], optional: []),
            .init(name: "faasr_put_file", required: ["local_file", "remote_file"], optional: transfer),
            .init(name: "faasr_get_file", required: ["local_file", "remote_file"], optional: transfer),
            .init(name: "faasr_delete_file", required: ["remote_file"], optional: [("server_name", ""), ("remote_folder", "")]),
            .init(name: "faasr_get_folder_list", required: [], optional: [("server_name", ""), ("prefix", "")],
                  aliases: ["faasr_prefix": "prefix"]),
            .init(name: "faasr_invocation_id", required: [], optional: []),
            .init(name: "faasr_rank", required: [], optional: []),
            .init(name: "faasr_get_s3_creds", required: [], optional: [("server_name", "")]),
            .init(name: "faasr_secret", required: ["secret_name"], optional: []),
        ]
        return Dictionary(uniqueKeysWithValues: list.map { ($0.name, $0) })
    }()

    /// The signature as FaaSr writes it: `faasr_delete_file(remote_file, server_name="", remote_folder="")`.
    var text: String {
        let parts = required + optional.map { "\($0.name)=\"\($0.defaultValue)\"" }
        return "\(name)(\(parts.joined(separator: ", ")))"
    }

    /// The arguments with defaults filled in, or a ``RuntimeFailure`` naming the argument,
    /// the procedure and its signature.
    func check(_ arguments: JSONObject) throws -> [String: String] {
        func refuse(_ what: String) -> RuntimeFailure {
            RuntimeFailure("\(name): \(what) (\(text))")
        }
        if let twice = arguments.duplicateKeys.first {
            throw refuse("the argument '\(twice)' is given more than once")
        }
        let known = Set(required + optional.map(\.name))
        var given: [String: JSONValue] = [:], aliased: [String: JSONValue] = [:]
        for member in arguments.members {
            if let target = aliases[member.key] { aliased[target] = member.value; continue }
            guard known.contains(member.key) else { throw refuse("there is no argument '\(member.key)'") }
            given[member.key] = member.value
        }
        // An alias counts when its argument is not set (FaaSr's stubs fall back the same way).
        for (target, value) in aliased where given[target] == nil || given[target] == .null || given[target] == .string("") {
            given[target] = value
        }
        var values: [String: String] = [:]
        for arg in required {
            guard let value = given[arg] else { throw refuse("the required argument '\(arg)' is missing") }
            switch value {
            case .null: throw refuse("the required argument '\(arg)' is null")
            case .string(let s) where s.isEmpty: throw refuse("the required argument '\(arg)' is empty")
            case .string(let s): values[arg] = s
            default: throw refuse("the argument '\(arg)' must be a string, not \(Self.article(value.typeName))")
            }
        }
        for (arg, defaultValue) in optional {
            switch given[arg] {
            case nil, .null?: values[arg] = defaultValue
            case .string(let s)?: values[arg] = s
            case let value?: throw refuse("the argument '\(arg)' must be a string, not \(Self.article(value.typeName))")
            }
        }
        return values
    }

    static func article(_ type: String) -> String {
        type.first.map { "aeiou".contains($0) } == true ? "an \(type)" : "a \(type)"
    }
}
