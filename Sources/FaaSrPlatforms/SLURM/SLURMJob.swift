import FaaSrCore
import Foundation

/// One batch job as slurmrestd's `job/submit` takes it, in either request shape
/// (spec/platforms.md §9): v0.0.36–v0.0.38 (flat numbers, `environment` an object, `script`
/// beside `job`) or v0.0.39 and later (`environment` a `KEY=VALUE` list, numbers as
/// `{set, number}`; from v0.0.40 the script inside `job`).
struct SLURMJob: Sendable {
    var name: String
    var script: String
    /// In order; values may be secrets (they travel only in the request body).
    var environment: [(String, String)]
    var partition: String
    var nodes: Int
    var tasks: Int
    var cpusPerTask: Int
    var memoryMB: Int
    var timeLimitMinutes: Int
    var workingDirectory: String
    /// Start no earlier than this many seconds from now (timers).
    var beginIn: Int?

    /// The job's settings from the server and the action's `Resources`, with FaaSr's defaults
    /// (partition faasr, 1 node, 1 task, 1 CPU, 1024 MB, 60 minutes, /tmp).
    init(name: String, script: String, environment: [(String, String)], server: SLURMServer, resources: JSONObject?) {
        self.name = name
        self.script = script
        self.environment = environment
        partition = server.setting("Partition", resources: resources, fallback: "faasr")
        nodes = server.number("Nodes", resources: resources, fallback: 1)
        tasks = server.number("Tasks", resources: resources, fallback: 1)
        cpusPerTask = server.number("CPUsPerTask", resources: resources, fallback: 1)
        memoryMB = server.number("Memory", resources: resources, fallback: 1024)
        timeLimitMinutes = server.number("TimeLimit", resources: resources, fallback: 60)
        workingDirectory = server.setting("WorkingDirectory", resources: resources, fallback: "/tmp")
    }

    /// The request body for API `version`.
    func body(version: String) -> JSONValue {
        let modern = SLURMAPIVersion.isModern(version)
        func number(_ n: Int) -> JSONValue {
            modern ? .object(JSONObject([.init(key: "set", value: true), .init(key: "number", value: .number(JSONNumber(n)))])) : .number(JSONNumber(n))
        }
        var job: [JSONObject.Member] = [
            .init(key: "name", value: .string(name)),
            .init(key: "partition", value: .string(partition)),
            // v0.0.38's description: an [min, max] array (22.05 takes it; FaaSr's "1" string too).
            .init(key: "nodes", value: modern ? .string(String(nodes)) : .array([.number(JSONNumber(nodes)), .number(JSONNumber(nodes))])),
            .init(key: "tasks", value: .number(JSONNumber(tasks))),
            .init(key: "cpus_per_task", value: .number(JSONNumber(cpusPerTask))),
            .init(key: "memory_per_cpu", value: number(memoryMB)),
            .init(key: "time_limit", value: number(timeLimitMinutes)),
            .init(key: "current_working_directory", value: .string(workingDirectory)),
            .init(key: "standard_output", value: .string("\(workingDirectory)/\(name)-%j.out")),
            .init(key: "standard_error", value: .string("\(workingDirectory)/\(name)-%j.err")),
        ]
        if modern {
            job.append(.init(key: "environment", value: .array(environment.map { .string("\($0.0)=\($0.1)") })))
        } else {
            job.append(.init(key: "environment", value: .object(JSONObject(environment.map { .init(key: $0.0, value: .string($0.1)) }))))
        }
        if let beginIn {
            if modern {
                job.append(.init(key: "begin_time", value: number(Int(Date().timeIntervalSince1970) + beginIn)))
            } else {
                // 22.05 parses begin_time as sbatch --begin does; a relative time needs no time zone.
                // (Its description says int64, but 22.05.8 refuses a number: "Unable to parse time".)
                job.append(.init(key: "begin_time", value: .string("now+\(max(0, beginIn))")))
            }
        }
        let scriptInJob = (SLURMAPIVersion.parts(version) ?? [0, 0, 0]).lexicographicallyPrecedes([0, 0, 40]) == false
        if scriptInJob {
            job.append(.init(key: "script", value: .string(script)))
            return .object(JSONObject([.init(key: "job", value: .object(JSONObject(job)))]))
        }
        return .object(JSONObject([.init(key: "script", value: .string(script)), .init(key: "job", value: .object(JSONObject(job)))]))
    }
}
