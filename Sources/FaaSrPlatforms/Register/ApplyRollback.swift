import FaaSrPlatformAPI

/// What a register does when one of its steps fails: it deletes again what this apply
/// created, and the error says so, with what it could not delete and which updates it kept
/// (each leaves a working resource). Shared by the platforms whose apply creates several
/// resources one by one (Lambda functions, Cloud Run jobs).
enum ApplyRollback {
    /// Deletes `created` with `delete` (newest first) and returns `error` with the note
    /// "Nothing half-registered is left: …" appended. `done` lists the steps made, as
    /// "created X", "updated X", ...; `noun` names what was created (`functions`, `jobs`).
    static func undo(_ error: any Error, serverName: String, noun: String, created: [String], done: [String],
                     delete: (String) async throws -> Void) async -> PlatformError {
        var rolledBack: [String] = []
        for name in created.reversed() where (try? await delete(name)) != nil { rolledBack.append(name) }
        rolledBack.reverse()
        let lost = created.filter { !rolledBack.contains($0) }
        let kept = done.filter { !$0.hasPrefix("created ") }
        var notes: [String] = []
        if !rolledBack.isEmpty { notes.append("deleted again the \(noun) this register created (\(rolledBack.joined(separator: ", ")))") }
        if !lost.isEmpty { notes.append("could not delete \(lost.joined(separator: ", ")); delete them by hand or run unregister") }
        if !kept.isEmpty { notes.append("kept: \(kept.joined(separator: ", "))") }
        let suffix = notes.isEmpty ? "" : " Nothing half-registered is left: \(notes.joined(separator: "; "))."
        if var failure = error as? PlatformError {
            failure.message += suffix
            return failure
        }
        return PlatformError(serverName: serverName, request: "register", message: "\(error)\(suffix)")
    }
}
