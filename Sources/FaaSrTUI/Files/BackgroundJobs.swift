import FaaSrCore
#if canImport(Glibc)
import Glibc
#endif

/// The work of each ``Job``: async functions that send events while they run and stop when
/// their task is cancelled.
enum BackgroundJobs {
    /// Runs `job`, sending its events to `send`.
    static func run(_ job: Job, faasr: String?, send: @escaping @Sendable (AppEvent) -> Void) async {
        switch job {
        case .localRun(let path): await localRun(workflowPath: path, faasr: faasr, send: send)
        case .tail(let action, let files): await tail(action: action, files: files, send: send)
        case .control(let step, let path): await control(step, workflowPath: path, faasr: faasr, send: send)
        case .monitor(let path, let id): await monitor(workflowPath: path, invocation: id, faasr: faasr, send: send)
        }
    }

    /// Waits `milliseconds`, also when the task is already cancelled (then without yielding).
    static func pause(_ milliseconds: Int) async {
        if Task.isCancelled {
            usleep(UInt32(milliseconds) * 1000)
        } else {
            try? await Task.sleep(for: .milliseconds(milliseconds))
        }
    }

    /// `faasr local PATH --events jsonl`, stores in `.faasr/stores` and the run in
    /// `.faasr/runs/designer-<time>-<pid>-<random>` next to the workflow file.
    static func localRun(workflowPath: String, faasr: String?, send: @escaping @Sendable (AppEvent) -> Void) async {
        guard let faasr else {
            send(.run(.ended(succeeded: nil, seconds: nil, status: nil, cancelled: false,
                             message: "cannot find the faasr program: build it next to faasr-tui, put it on PATH, or set FAASR_BIN")))
            return
        }
        let absolute = workflowPath.hasPrefix("/") ? workflowPath : FaasrProgram.currentDirectory() + "/" + workflowPath
        let folder = String(absolute[..<(absolute.lastIndex(of: "/") ?? absolute.startIndex)])
        // Two runs in one second from one designer get different folders.
        let runDir = "\(folder)/.faasr/runs/designer-\(time(nil))-\(getpid())-\(String(UInt32.random(in: 0...0xFFFF), radix: 16))"
        let child: SpawnedProcess
        do {
            child = try SpawnedProcess([faasr, "local", absolute, "--events", "jsonl",
                                        "--store-dir", folder + "/.faasr/stores", "--run-dir", runDir])
        } catch {
            send(.run(.ended(succeeded: nil, seconds: nil, status: nil, cancelled: false, message: error.description)))
            return
        }
        var lines = LineBuffer()
        var summary: (ok: Bool?, seconds: Double?) = (nil, nil)
        var cancelled = false
        func deliver(_ text: [String]) {
            for line in text where !line.isEmpty {
                let e = RunEvent.parse(line)
                if case .ended(let ok, let seconds, _, _, _) = e { summary = (ok, seconds) } else { send(.run(e)) }
            }
        }
        while true {
            if Task.isCancelled && !cancelled {
                cancelled = true
                ProcessTree.stop(root: child.pid)
            }
            switch child.read() {
            case .data(let bytes): deliver(lines.feed(bytes)); continue
            case .end:
                deliver(lines.finish())
                while child.poll() == nil { await pause(5) }
            case .nothingYet:
                await pause(20)
                continue
            }
            break
        }
        send(.run(.ended(succeeded: summary.ok, seconds: summary.seconds, status: child.poll(), cancelled: cancelled, message: nil)))
    }

    /// Sends the text of `files` whenever it changes, every 200 ms, until cancelled. Only the
    /// last 256 KB is sent.
    static func tail(action: String, files: [String], send: @escaping @Sendable (AppEvent) -> Void) async {
        var last: String?
        while !Task.isCancelled {
            let text = files.map { f in
                let body = (try? AtomicFile.read(f)) ?? ""
                return files.count > 1 ? "── \(f)\n" + body : body
            }.joined(separator: "\n")
            let cut = text.utf8.count > 262_144 ? String(decoding: Array(text.utf8.suffix(262_144)), as: UTF8.self) : text
            if cut != last {
                send(.logText(action: action, text: cut))
                last = cut
            }
            try? await Task.sleep(for: .milliseconds(200))
        }
    }
}

/// Where the `faasr` program is: `FAASR_BIN`, else next to this program (the same build
/// folder), else on `PATH`.
public enum FaasrProgram {
    /// The path of `faasr`, or nil when there is none.
    public static func locate() -> String? {
        let env = { (k: String) in getenv(k).map { String(cString: $0) } }
        if let b = env("FAASR_BIN"), !b.isEmpty { return b }
        var buf = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buf, buf.count - 1)
        if n > 0 {
            let me = String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let beside = String(me[..<(me.lastIndex(of: "/") ?? me.startIndex)]) + "/faasr"
            if access(beside, X_OK) == 0 { return beside }
        }
        for dir in (env("PATH") ?? "").split(separator: ":") where access("\(dir)/faasr", X_OK) == 0 {
            return "\(dir)/faasr"
        }
        return nil
    }

    /// The current directory.
    static func currentDirectory() -> String {
        var buf = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buf, buf.count) != nil else { return "." }
        return String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
