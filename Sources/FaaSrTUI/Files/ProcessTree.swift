import FaaSrCore
#if canImport(Glibc)
import Glibc
#endif

/// Processes as Linux's `/proc` lists them: finding a process's descendants and stopping them
/// all. `faasr local` starts each `faasr run` in a process group of its own (Foundation does),
/// and those start Python or R, so signalling one group does not reach them: cancelling freezes
/// the whole tree first (SIGSTOP, so nothing new is started), then sends SIGTERM to every
/// member and its group, and SIGKILL to what is left after the grace period.
public enum ProcessTree {
    /// The state letter and parent of `pid` (nil when it is gone).
    static func stat(_ pid: pid_t) -> (state: Character, parent: pid_t)? {
        guard let text = try? AtomicFile.read("/proc/\(pid)/stat"), let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 1, let state = fields[0].first, let parent = pid_t(fields[1]) else { return nil }
        return (state, parent)
    }

    /// Every process id in `/proc`.
    static func all() -> [pid_t] {
        guard let dir = opendir("/proc") else { return [] }
        defer { closedir(dir) }
        var pids: [pid_t] = []
        while let e = readdir(dir) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if let p = pid_t(name) { pids.append(p) }
        }
        return pids
    }

    /// The living (not zombie) descendants of `root`, parents before children.
    public static func descendants(of root: pid_t) -> [pid_t] {
        var children: [pid_t: [pid_t]] = [:]
        for p in all() {
            if let s = stat(p), s.state != "Z" { children[s.parent, default: []].append(p) }
        }
        var out: [pid_t] = [], queue = [root]
        while !queue.isEmpty {
            for c in children[queue.removeFirst()] ?? [] { out.append(c); queue.append(c) }
        }
        return out
    }

    /// Whether `pid` exists and is not a zombie.
    public static func isAlive(_ pid: pid_t) -> Bool {
        guard let s = stat(pid) else { return false }
        return s.state != "Z" && s.state != "X"
    }

    /// Stops `root` and all its descendants: freeze, SIGTERM (to each process and its
    /// group), then SIGKILL to the survivors after `graceMilliseconds`. Returns when none is
    /// alive (zombies waiting to be reaped count as gone).
    public static func stop(root: pid_t, graceMilliseconds: Int = 2000) {
        var members: [pid_t] = [root]
        kill(root, SIGSTOP)
        // Freeze until no new process appears (one may have been starting as we looked).
        while true {
            let found = descendants(of: root).filter { !members.contains($0) }
            if found.isEmpty { break }
            for p in found { kill(p, SIGSTOP) }
            members += found
        }
        for p in members {
            kill(p, SIGTERM)
            kill(-p, SIGTERM)
            kill(p, SIGCONT)
        }
        var waited = 0
        while waited < graceMilliseconds, members.contains(where: isAlive) {
            usleep(20_000)
            waited += 20
        }
        for p in members where isAlive(p) {
            kill(p, SIGKILL)
            kill(-p, SIGKILL)
        }
        while members.contains(where: isAlive) { usleep(5_000) }
    }
}
