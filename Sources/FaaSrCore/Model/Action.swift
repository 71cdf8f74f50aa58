/// The language an action's function is written in (`Type`).
public enum ActionType: Hashable, Sendable {
    case python, r, julia
    /// Another spelling (e.g. the fork's `Agent`), kept as written.
    case other(String)

    /// Reads a `Type` string.
    public init(_ text: String) {
        switch text {
        case "Python": self = .python
        case "R": self = .r
        case "Julia": self = .julia
        default: self = .other(text)
        }
    }

    /// The JSON spelling.
    public var text: String {
        switch self {
        case .python: "Python"
        case .r: "R"
        case .julia: "Julia"
        case .other(let s): s
        }
    }
}

/// A read-only view of one `ActionList` entry.
public struct Action: Hashable, Sendable {
    /// The action name (its `ActionList` key).
    public var name: String
    /// The entry's object (empty when the entry is not an object).
    public var object: JSONObject
    /// The raw entry value.
    public var value: JSONValue
    /// `/ActionList/<name>`.
    public var pointer: JSONPointer

    public init(name: String, value: JSONValue) {
        self.name = name
        self.value = value
        self.object = value.objectValue ?? JSONObject()
        self.pointer = JSONPointer(tokens: [WorkflowKey.actionList, name])
    }

    /// The field keys of an action entry (spec/runtime.md §1.2).
    public enum Key {
        public static let faasServer = "FaaSServer"
        public static let functionName = "FunctionName"
        public static let type = "Type"
        public static let arguments = "Arguments"
        public static let invokeNext = "InvokeNext"
        public static let requiresVM = "RequiresVM"
        public static let builtin = "_faasr_builtin"
        public static let maxMemory = "MaxMemory"
        public static let maxRuntime = "MaxRuntime"
        public static let maxStorage = "MaxStorage"
        public static let resources = "Resources"
        /// Every key the 2.x schema allows in an action entry.
        public static let all: [String] = [
            faasServer, functionName, type, arguments, invokeNext, requiresVM, builtin,
            maxMemory, maxRuntime, maxStorage, resources,
        ]
    }

    /// The raw value of a field.
    public subscript(key: String) -> JSONValue? { object[key] }

    /// `FaaSServer`: the `ComputeServers` key the action runs on.
    public var faasServer: String? { object[Key.faasServer]?.stringValue }
    /// `FunctionName`: the user function (or built-in) the action runs.
    public var functionName: String? { object[Key.functionName]?.stringValue }
    /// `Type` as written.
    public var typeText: String? { object[Key.type]?.stringValue }
    /// `Type`, typed.
    public var type: ActionType? { typeText.map(ActionType.init) }
    /// `Arguments` (nil when absent, null or not an object).
    public var arguments: JSONObject? { object[Key.arguments]?.objectValue }
    /// `InvokeNext`, parsed.
    public var invokeNext: InvokeNext { InvokeNext(object[Key.invokeNext], at: pointer.appending(Key.invokeNext)) }
    /// Every successor in order (see ``InvokeNext/successors``).
    public var successors: [Successor] { invokeNext.successors }
    /// `RequiresVM` (nil when absent).
    public var requiresVM: Bool? { object[Key.requiresVM]?.boolValue }
    /// `_faasr_builtin`: whether `FunctionName` names a built-in function.
    public var isBuiltin: Bool { object[Key.builtin]?.boolValue ?? false }
    /// `MaxMemory` in MB.
    public var maxMemory: JSONNumber? { object[Key.maxMemory]?.numberValue }
    /// `MaxRuntime` in seconds.
    public var maxRuntime: JSONNumber? { object[Key.maxRuntime]?.numberValue }
    /// `MaxStorage` in MB.
    public var maxStorage: JSONNumber? { object[Key.maxStorage]?.numberValue }
    /// `Resources` (SLURM job resources).
    public var resources: JSONObject? { object[Key.resources]?.objectValue }
    /// Keys the 2.x schema does not allow in an action entry, in order.
    public var unknownKeys: [String] { object.keys.filter { !Key.all.contains($0) } }
}
