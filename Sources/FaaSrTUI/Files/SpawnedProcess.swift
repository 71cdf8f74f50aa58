#if canImport(Glibc)
import Glibc
#endif

/// A child process started with `posix_spawn` in its own process group, its standard output
/// and error on one non-blocking pipe, standard input `/dev/null`. (Foundation's `Process` is
/// not used: the designer's modules stay free of Foundation, and it cannot start a child in a
/// new process group of its own choosing.)
final class SpawnedProcess: @unchecked Sendable {
    /// Why it could not start.
    struct Failure: Error, CustomStringConvertible { var description: String }

    /// The child's id (also its process group's id).
    let pid: pid_t
    private let output: Int32
    private var exitStatus: Int32?

    /// Starts `arguments[0]` with the rest as its arguments and this process's environment,
    /// with `environment`'s variables added (replacing any of the same name).
    init(_ arguments: [String], environment: [String: String] = [:]) throws(Failure) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw Failure(description: "cannot create a pipe: \(String(cString: strerror(errno)))") }
        // Neither end may leak into the child's own children (the write end is dup'ed to 1 and 2).
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        posix_spawn_file_actions_adddup2(&actions, fds[1], 2)
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        posix_spawnattr_setpgroup(&attr, 0)
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attr, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for s in [SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGPIPE, SIGTSTP, SIGWINCH] { sigaddset(&defaults, s) }
        posix_spawnattr_setsigdefault(&attr, &defaults)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        var envp = Self.environment(adding: environment)
        defer {
            // Added values may be secrets: wipe the copies before freeing them.
            for e in envp { if let e { memset(e, 0, strlen(e)); free(e) } }
        }
        var child = pid_t()
        let r = posix_spawn(&child, arguments[0], &actions, &attr, &argv, &envp)
        close(fds[1])
        guard r == 0 else {
            close(fds[0])
            throw Failure(description: "cannot start \(arguments[0]): \(String(cString: strerror(r)))")
        }
        _ = fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK)
        pid = child
        output = fds[0]
    }

    deinit { close(output) }

    /// This process's environment with `added` put in (copies, nil-terminated).
    private static func environment(adding added: [String: String]) -> [UnsafeMutablePointer<CChar>?] {
        var out: [UnsafeMutablePointer<CChar>?] = []
        var p: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = environ
        while let entry = p.pointee {
            let text = String(cString: entry)
            let name = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? text
            if added[name] == nil { out.append(strdup(entry)) }
            p += 1
        }
        for (k, v) in added.sorted(by: { $0.key < $1.key }) { out.append(strdup(k + "=" + v)) }
        return out + [nil]
    }

    /// What a read found.
    enum Read { case data([UInt8]), nothingYet, end }

    /// Reads what the child wrote so far, without waiting.
    func read() -> Read {
        var buffer = [UInt8](repeating: 0, count: 65536)
        let n = buffer.withUnsafeMutableBytes { Glibc.read(output, $0.baseAddress, $0.count) }
        if n > 0 { return .data(Array(buffer[0..<n])) }
        if n == 0 { return .end }
        return errno == EAGAIN || errno == EINTR ? .nothingYet : .end
    }

    /// The exit status once the child ended (128 + signal when killed), without waiting.
    func poll() -> Int32? {
        if let exitStatus { return exitStatus }
        var st: Int32 = 0
        guard waitpid(pid, &st, WNOHANG) == pid else { return nil }
        exitStatus = st & 0x7f == 0 ? (st >> 8) & 0xff : 128 + (st & 0x7f)
        return exitStatus
    }
}

/// Splits bytes into lines.
struct LineBuffer {
    private var pending: [UInt8] = []

    /// Adds `bytes`; returns the lines they complete.
    mutating func feed(_ bytes: [UInt8]) -> [String] {
        pending += bytes
        var lines: [String] = []
        while let nl = pending.firstIndex(of: 10) {
            lines.append(String(decoding: pending[..<nl], as: UTF8.self))
            pending.removeSubrange(...nl)
        }
        return lines
    }

    /// The last line, if it had no newline.
    mutating func finish() -> [String] {
        defer { pending = [] }
        return pending.isEmpty ? [] : [String(decoding: pending, as: UTF8.self)]
    }
}
