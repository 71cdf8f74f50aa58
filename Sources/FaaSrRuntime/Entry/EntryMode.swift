import Foundation

/// How a container hands an action its payload, and so how `faasr entry` waits for it
/// (spec/platforms.md §4): the platform's own environment picks the mode, and
/// `--mode` or `FAASR_ENTRY_MODE` forces one.
public enum EntryMode: Sendable, Equatable, CustomStringConvertible {
    /// AWS Lambda custom runtime: poll the Runtime API at `host:port` for invocations.
    case lambda(runtimeAPI: String)
    /// OpenWhisk blackbox action: serve `/init` and `/run` on `port`.
    case openWhisk(port: Int)
    /// GitHub Actions, Cloud Run, SLURM, Kubernetes: one action from env `PAYLOAD_URL` and `OVERWRITTEN`.
    case environment

    /// The names `--mode` and `FAASR_ENTRY_MODE` accept.
    public static let names = ["lambda", "openwhisk", "env"]

    /// `lambda`, `openwhisk` or `env`.
    public var description: String {
        switch self {
        case .lambda: return "lambda"
        case .openWhisk: return "openwhisk"
        case .environment: return "env"
        }
    }

    /// A mode that cannot be used.
    public struct Invalid: Error, CustomStringConvertible {
        /// What is wrong and how to fix it.
        public let description: String
    }

    /// The mode for `environment`: `forced` (or `FAASR_ENTRY_MODE`) when given; else Lambda
    /// when `AWS_LAMBDA_RUNTIME_API` is set, OpenWhisk when an `__OW_` variable is (the
    /// invoker sets `__OW_API_HOST` when it creates the container), else the env form.
    /// The proxy port is `FAASR_PROXY_PORT`, else 8080.
    public static func detect(environment env: [String: String], forced: String? = nil) throws -> EntryMode {
        let port: Int
        if let text = env["FAASR_PROXY_PORT"], !text.isEmpty {
            guard let p = Int(text), (0...65535).contains(p) else {
                throw Invalid(description: "FAASR_PROXY_PORT is '\(text)', not a port number (0-65535); unset it for OpenWhisk's 8080")
            }
            port = p
        } else {
            port = 8080
        }
        let api = env["AWS_LAMBDA_RUNTIME_API"].flatMap { $0.isEmpty ? nil : $0 }
        let choice = forced.flatMap { $0.isEmpty ? nil : $0 } ?? env["FAASR_ENTRY_MODE"].flatMap { $0.isEmpty ? nil : $0 }
        switch choice?.lowercased() {
        case nil:
            if let api { return .lambda(runtimeAPI: api) }
            if env.keys.contains(where: { $0.hasPrefix("__OW_") }) { return .openWhisk(port: port) }
            return .environment
        case "lambda":
            guard let api else {
                throw Invalid(description: "the Lambda mode needs AWS_LAMBDA_RUNTIME_API (host:port of the Runtime API), which Lambda sets; set it, or pick another mode (\(names.joined(separator: ", ")))")
            }
            return .lambda(runtimeAPI: api)
        case "openwhisk": return .openWhisk(port: port)
        case "env": return .environment
        case let other?:
            throw Invalid(description: "unknown entry mode '\(other)' (from --mode or FAASR_ENTRY_MODE): use one of \(names.joined(separator: ", "))")
        }
    }
}
