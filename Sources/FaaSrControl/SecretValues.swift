import Foundation

/// Secret values by FaaSr's names (`GH_PAT`, `{Server}_Token`, `{Store}_AccessKey`, ...), as the
/// control-plane commands read them: from the process environment, else from a `.env` file
/// (`NAME=value` lines; `export`, quotes and `#` comments allowed). Values are never printed.
public struct SecretValues: Sendable {
    /// The values by name.
    public private(set) var values: [String: String]
    /// Where each name came from (`environment` or the file's path), for messages.
    public private(set) var origins: [String: String]

    /// The environment's values over the file's.
    public init(environment: [String: String], envFile: String?) throws {
        values = [:]
        origins = [:]
        if let envFile {
            guard let data = FileManager.default.contents(atPath: envFile) else {
                throw ControlError("cannot read the secrets file \(envFile)", hint: "check the path given with --env-file")
            }
            for (name, value) in try Self.parse(String(decoding: data, as: UTF8.self), file: envFile) {
                values[name] = value
                origins[name] = envFile
            }
        }
        for (name, value) in environment where !value.isEmpty {
            values[name] = value
            origins[name] = "environment"
        }
    }

    /// The `.env` file a command uses by default: `.env` in the current folder, if it exists.
    public static func defaultEnvFile(in directory: String = FileManager.default.currentDirectoryPath) -> String? {
        let path = (directory as NSString).appendingPathComponent(".env")
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    /// Parses `.env` text; a malformed line is an error naming the line (never its value).
    public static func parse(_ text: String, file: String) throws -> [(String, String)] {
        var out: [(String, String)] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasSuffix("\r") { line.removeLast() }
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = String(line.dropFirst(7)).trimmingCharacters(in: .whitespaces) }
            guard let eq = line.firstIndex(of: "=") else {
                throw ControlError("\(file):\(i + 1): expected NAME=value", hint: "write one secret per line, e.g. SLURM_Token=eyJ...")
            }
            let name = line[..<eq].trimmingCharacters(in: .whitespaces)
            guard let first = name.first, first.isLetter || first == "_", name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                throw ControlError("\(file):\(i + 1): '\(name)' is not a variable name", hint: "names are letters, digits and _")
            }
            var value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if let q = value.first, q == "\"" || q == "'" {
                guard value.count >= 2, value.last == q else {
                    throw ControlError("\(file):\(i + 1): the value of \(name) has an unclosed quote", hint: "close the quote on the same line")
                }
                value = String(value.dropFirst().dropLast())
                if q == "\"" { value = value.replacingOccurrences(of: "\\n", with: "\n").replacingOccurrences(of: "\\\"", with: "\"") }
            } else if let hash = value.range(of: " #") {
                value = value[..<hash.lowerBound].trimmingCharacters(in: .whitespaces)
            }
            out.append((name, value))
        }
        return out
    }

    /// The value of `name`, if set and not empty.
    public subscript(name: String) -> String? { values[name].flatMap { $0.isEmpty ? nil : $0 } }
}
