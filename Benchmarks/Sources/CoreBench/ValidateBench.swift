import FaaSrCore
import Foundation

/// Validates the whole corpus (parse + all rules) in one process, as the designer would on
/// every keystroke, and reports seconds per full pass. Target: under 0.1 s.
enum ValidateBench {
    static func run(arguments: [String]) {
        let dir = corpusDirectory(arguments)
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: dir.path) else {
            print("validate: no corpus at \(dir.path) (set FAASR_SHARED or pass --corpus DIR)")
            exit(1)
        }
        let files = names.sorted().filter { $0.hasSuffix(".json") || !$0.contains(".") }.compactMap {
            fm.contents(atPath: dir.appendingPathComponent($0).path).map { Array($0) }
        }
        let bytes = files.reduce(0) { $0 + $1.count }
        // `--passes N` (default 11): fewer passes for instruction counting under valgrind.
        let passes = arguments.firstIndex(of: "--passes").flatMap { i in
            i + 1 < arguments.count ? Int(arguments[i + 1]) : nil
        }.map { max(1, $0) } ?? 11
        var parseTimes: [Double] = []
        for _ in 0..<passes {
            let start = DispatchTime.now().uptimeNanoseconds
            for f in files { _ = try? JSONDocument(bytes: f) }
            parseTimes.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        parseTimes.sort()
        var bareTimes: [Double] = []
        for _ in 0..<passes {
            let start = DispatchTime.now().uptimeNanoseconds
            for f in files { _ = try? JSONParser.parse(f) }
            bareTimes.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        bareTimes.sort()
        print(String(format: "parse only (no locations): median %.4f s, best %.4f s per pass", bareTimes[passes / 2], bareTimes[0]))
        print(String(format: "parse only (JSONDocument, with locations): median %.4f s, best %.4f s per pass",
                     parseTimes[passes / 2], parseTimes[0]))
        for (label, options) in [("all rules", ValidationOptions.all), ("schema only", ValidationOptions.schemaOnly)] {
            let validator = Validator(options: options)
            var times: [Double] = []
            var cpuTimes: [Double] = []
            var invalid = 0, diagnostics = 0
            for round in 0..<passes {
                let start = DispatchTime.now().uptimeNanoseconds
                let cpuStart = cpuSeconds()
                var bad = 0, count = 0
                for f in files {
                    let report = validator.validate(bytes: f)
                    if !report.isValid { bad += 1 }
                    count += report.diagnostics.count
                }
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                cpuTimes.append(cpuSeconds() - cpuStart)
                if round == 0 { print(String(format: "validate (%@): first pass %.4f s (includes compiling the schemas)", label, seconds)) }
                times.append(seconds)
                invalid = bad
                diagnostics = count
            }
            times.sort()
            cpuTimes.sort()
            print(String(format: "validate (%@): %d files, %.1f MB, %d invalid, %d diagnostics; median %.4f s, best %.4f s per pass (CPU time: median %.4f s, best %.4f s)",
                         label, files.count, Double(bytes) / 1e6, invalid, diagnostics, times[times.count / 2], times[0],
                         cpuTimes[cpuTimes.count / 2], cpuTimes[0]))
        }
    }

    /// CPU time of this process (wall-clock numbers suffer when other builds share the cores).
    static func cpuSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    static func corpusDirectory(_ arguments: [String]) -> URL {
        if let i = arguments.firstIndex(of: "--corpus"), i + 1 < arguments.count {
            return URL(fileURLWithPath: arguments[i + 1])
        }
        if let shared = ProcessInfo.processInfo.environment["FAASR_SHARED"], !shared.isEmpty {
            return URL(fileURLWithPath: shared).appendingPathComponent("corpus")
        }
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }  // Benchmarks/Sources/CoreBench/x.swift -> package root
        return url.deletingLastPathComponent().appendingPathComponent("shared/corpus")
    }
}
