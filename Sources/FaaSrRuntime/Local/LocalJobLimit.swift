import Foundation

/// How many `faasr run` processes `faasr local` lets run at once (`--jobs N`), by default
/// from the machine: two per core (an action spends part of its time waiting on its store
/// and its interpreter's start), and no more than the available memory holds at
/// ``bytesPerJob`` each (a runtime plus a Python or R interpreter with its libraries).
/// Further copies wait in the queue, in the order they were triggered.
public enum LocalJobLimit {
    /// Processes per core.
    public static let jobsPerCore = 2
    /// Memory set aside for one action: its `faasr run` and its interpreter (measured at
    /// 60–120 MB for a Python action, more for R; see docs/decisions.md).
    public static let bytesPerJob: UInt64 = 256 << 20

    /// The default limit for this machine.
    public static var machineDefault: Int {
        limit(cores: ProcessInfo.processInfo.activeProcessorCount, availableMemory: availableMemory())
    }

    /// `jobsPerCore × cores`, capped by `availableMemory / bytesPerJob` when it is known;
    /// never below 1.
    public static func limit(cores: Int, availableMemory: UInt64?) -> Int {
        var n = jobsPerCore * max(1, cores)
        if let availableMemory { n = min(n, Int(min(availableMemory / bytesPerJob, UInt64(Int.max)))) }
        return max(1, n)
    }

    /// Memory this process may still use: Linux's `MemAvailable`, lowered to what the
    /// cgroup's `memory.max` leaves (containers); elsewhere the physical memory. Nil when
    /// nothing can be read.
    public static func availableMemory() -> UInt64? {
        #if os(Linux)
        var best: UInt64?
        if let info = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8),
           let line = info.split(separator: "\n").first(where: { $0.hasPrefix("MemAvailable:") }),
           let kb = line.split(separator: " ").dropFirst().first.flatMap({ UInt64($0) }) {
            best = kb * 1024
        }
        func number(_ path: String) -> UInt64? {
            (try? String(contentsOfFile: path, encoding: .utf8)).flatMap { UInt64($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
        if let max = number("/sys/fs/cgroup/memory.max") {
            let left = max - min(max, number("/sys/fs/cgroup/memory.current") ?? 0)
            best = best.map { Swift.min($0, left) } ?? left
        }
        return best
        #else
        return ProcessInfo.processInfo.physicalMemory
        #endif
    }
}
