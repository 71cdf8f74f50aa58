@testable import FaaSrCore

/// Small workflows for the rule tests: a valid two-action chain to start from, and helpers
/// to change one thing and see which rules fire.
enum ValidationFixtures {
    /// A minimal valid 2.x workflow: start → finish on one GitHub Actions server, one store.
    static var minimal: JSONValue {
        [
            "WorkflowName": "demo",
            "FunctionInvoke": "start",
            "DefaultDataStore": "S3",
            "LoggingDataStore": "S3",
            "ActionList": [
                "start": ["FaaSServer": "GH", "FunctionName": "start_fn", "Type": "Python", "InvokeNext": ["finish"]],
                "finish": ["FaaSServer": "GH", "FunctionName": "finish_fn", "Type": "Python"],
            ],
            "ComputeServers": [
                "GH": ["FaaSType": "GitHubActions", "UserName": "me", "ActionRepoName": "repo", "Branch": "main",
                       "UseSecretStore": true],
            ],
            "DataStores": ["S3": ["Bucket": "bucket", "Region": "us-east-1"]],
        ]
    }

    /// `minimal` with `value` set at `pointer` (nil removes it).
    static func minimal(setting pointer: JSONPointer, to value: JSONValue?) -> JSONValue {
        var w = minimal
        if let value { w.setValue(value, at: pointer) } else { w.removeValue(at: pointer) }
        return w
    }

    /// A workflow with the given actions (name → InvokeNext), entry `entry`, otherwise minimal.
    static func graph(_ actions: [(String, JSONValue?)], entry: String) -> JSONValue {
        var list = JSONObject()
        for (name, next) in actions {
            var a: JSONValue = ["FaaSServer": "GH", "FunctionName": "fn", "Type": "Python"]
            if let next { a.setValue(next, at: "/InvokeNext") }
            list[name] = a
        }
        var w = minimal
        w.setValue(.object(list), at: "/ActionList")
        w.setValue(.string(entry), at: "/FunctionInvoke")
        return w
    }

    static let schemaOnly = Validator(options: .schemaOnly)
    static let all = Validator()

    /// The codes of the schema-only diagnostics.
    static func schemaCodes(_ w: JSONValue) -> [String] { schemaOnly.validate(w).map(\.code) }
    /// The codes of all diagnostics.
    static func codes(_ w: JSONValue) -> [String] { all.validate(w).map(\.code) }
}
