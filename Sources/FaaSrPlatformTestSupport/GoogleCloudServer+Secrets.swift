import FaaSrCore
import Foundation

/// Secret Manager v1 (create, get, addVersion, versions.access). Called under the server's lock.
extension GoogleCloudServer {
    func secretAnswer(_ id: String, _ p: [String: String], _ body: JSONValue) -> LoopbackReply {
        let project = "projects/\(p["projectsId"] ?? "")"
        let name = "\(project)/secrets/\(p["secretsId"] ?? "")"
        switch id {
        case "secretmanager.projects.secrets.create":
            guard let secretID = p["secretId"], !secretID.isEmpty, secretID.count <= 255,
                  secretID.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
                return Self.error(400, "INVALID_ARGUMENT", "secret_id must be 1 to 255 letters, digits, hyphens and underscores")
            }
            let full = "\(project)/secrets/\(secretID)"
            if secrets[full] != nil { return Self.error(409, "ALREADY_EXISTS", "Secret [\(full)] already exists.") }
            let replication = body["replication"]
            guard (replication?["automatic"] != nil) != (replication?["userManaged"] != nil) else {
                return Self.error(400, "INVALID_ARGUMENT", "Secret.replication must set exactly one of automatic or user_managed")
            }
            var secret = body.objectValue ?? JSONObject()
            secret["name"] = .string(full)
            secret["createTime"] = .string(Self.now())
            secret["etag"] = .string("\"\(nextID())\"")
            secrets[full] = secret
            versions[full] = []
            return .json(200, .object(secret))
        case "secretmanager.projects.secrets.get":
            guard let secret = secrets[name] else { return notFound(name) }
            return .json(200, .object(secret))
        case "secretmanager.projects.secrets.addVersion":
            guard secrets[name] != nil else { return notFound(name) }
            guard let text = body["payload"]?["data"]?.stringValue, let data = Data(base64Encoded: text) else {
                return Self.error(400, "INVALID_ARGUMENT", "payload.data is required (base64)")
            }
            guard data.count <= 65_536 else { return Self.error(400, "INVALID_ARGUMENT", "Secret payload data length must be less than 65536 bytes") }
            let bytes = Array(data)
            if let crc = body["payload"]?["dataCrc32c"]?.stringValue, crc != String(Self.crc32c(bytes)) {
                return Self.error(400, "INVALID_ARGUMENT", "Checksum mismatch: the payload's CRC32C is not \(crc)")
            }
            versions[name, default: []].append(bytes)
            var version = JSONObject()
            version["name"] = .string("\(name)/versions/\(versions[name]!.count)")
            version["createTime"] = .string(Self.now())
            version["state"] = "ENABLED"
            version["etag"] = .string("\"\(nextID())\"")
            version["clientSpecifiedPayloadChecksum"] = .bool(body["payload"]?["dataCrc32c"] != nil)
            return .json(200, .object(version))
        case "secretmanager.projects.secrets.versions.access":
            let list = versions[name] ?? []
            let v = p["versionsId"] == "latest" ? list.count : Int(p["versionsId"] ?? "") ?? 0
            guard v >= 1, v <= list.count else { return notFound("\(name)/versions/\(p["versionsId"] ?? "")") }
            let bytes = list[v - 1]
            return .json(200, ["name": .string("\(name)/versions/\(v)"),
                               "payload": ["data": .string(Data(bytes).base64EncodedString()), "dataCrc32c": .string(String(Self.crc32c(bytes)))]])
        default:
            return Self.error(501, "UNIMPLEMENTED", "not implemented by the test server: \(id)")
        }
    }

    /// CRC-32C (Castagnoli), bit by bit: the test server's own check of `dataCrc32c`.
    static func crc32c(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = ~0
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (0x82F6_3B78 & (0 &- (crc & 1))) }
        }
        return ~crc
    }
}
