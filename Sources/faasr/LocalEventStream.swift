#if canImport(FaaSrRuntime)
import FaaSrCore
import FaaSrRuntime
import Foundation

/// `faasr local --events jsonl`: the run's progress as one JSON object per line on stdout,
/// for programs (the designer's `:run`) rather than people.
///
/// Lines: `{"event":"start","runDirectory":…,"storeDirectory":…}` once; then
/// `{"event":"action","action":…,"state":…,"started":…,"finished":…,"expected":…,
/// "queued":…,"time":…,"startTime":…,"endTime":…,"message":…,"logs":[paths],"outputs":[paths]}`
/// whenever an action changes (state, copies started, finished or queued, or log files);
/// `queued` counts copies waiting for a job slot (`--jobs`), `time` is when the change
/// happened (seconds since the start); then `{"event":"finished","succeeded":…,"seconds":…,
/// "invocationID":…}`. `state` is one of LocalRun.State's raw values. `logs` are the action's
/// log files in the local store folder (once written); `outputs` are the output files of its
/// `faasr run` processes (written while they run).
final class LocalEventStream: @unchecked Sendable {
    private let lock = NSLock()
    private var last: [String: String] = [:]
    private let storeDirectory: URL?
    private let runDirectory: URL

    init(storeDirectory: URL?, runDirectory: URL) {
        self.storeDirectory = storeDirectory
        self.runDirectory = runDirectory
    }

    func start() {
        emit(["event": "start", "runDirectory": .string(runDirectory.path),
              "storeDirectory": storeDirectory.map { .string($0.path) } ?? .null])
    }

    func show(_ rows: [LocalRun.Row]) {
        lock.withLock {
            for r in rows {
                let logs = logFiles(r.logs), outputs = outputFiles(r.action)
                let key = "\(r.state.rawValue) \(r.started) \(r.finished) \(r.queued) \(logs.count) \(outputs.count)"
                if last[r.action] == key { continue }
                last[r.action] = key
                var o = JSONObject()
                o["event"] = "action"
                o["action"] = .string(r.action)
                o["state"] = .string(r.state.rawValue)
                o["started"] = .number(JSONNumber(r.started))
                o["finished"] = .number(JSONNumber(r.finished))
                o["expected"] = .number(JSONNumber(r.expected))
                o["queued"] = .number(JSONNumber(r.queued))
                o["time"] = .number(JSONNumber(r.changedAt))
                o["startTime"] = r.startTime.map { .number(JSONNumber($0)) } ?? .null
                o["endTime"] = r.endTime.map { .number(JSONNumber($0)) } ?? .null
                o["message"] = r.message.map(JSONValue.string) ?? .null
                o["logs"] = .array(logs.map(JSONValue.string))
                o["outputs"] = .array(outputs.map(JSONValue.string))
                emit(.object(o))
            }
        }
    }

    func finish(_ s: LocalRun.Summary) {
        emit(["event": "finished", "succeeded": .bool(s.succeeded), "seconds": .number(JSONNumber(s.seconds)),
              "invocationID": s.invocationID.map(JSONValue.string) ?? .null])
    }

    private func emit(_ v: JSONValue) {
        FileHandle.standardOutput.write(Data((JSONPrinter.compact(v) + "\n").utf8))
    }

    /// Log keys resolved to files in the store folders (the logging store is one of them).
    private func logFiles(_ keys: [String]) -> [String] {
        guard let dir = storeDirectory else { return [] }
        let stores = (try? FileManager.default.contentsOfDirectory(atPath: dir.path))?.sorted() ?? []
        return keys.compactMap { key in
            stores.lazy.map { dir.appendingPathComponent($0).appendingPathComponent(key).path }
                .first { FileManager.default.fileExists(atPath: $0) }
        }
    }

    /// `actions/<action>[-<rank>]-<8 characters>/.faasr/output.txt` of this run.
    private func outputFiles(_ action: String) -> [String] {
        let actions = runDirectory.appendingPathComponent("actions")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: actions.path)) ?? []
        return names.filter { name in
            guard name.hasPrefix(action + "-") else { return false }
            let rest = name.dropFirst(action.count + 1).split(separator: "-")
            return (rest.count == 1 || (rest.count == 2 && Int(rest[0]) != nil)) && rest.last?.count == 8
        }.sorted().map { actions.appendingPathComponent($0).appendingPathComponent(".faasr/output.txt").path }
    }
}
#endif
