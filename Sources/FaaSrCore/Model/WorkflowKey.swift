/// The top-level keys of a 2.x workflow (spec/runtime.md §1.1), as written in the JSON.
public enum WorkflowKey {
    public static let functionInvoke = "FunctionInvoke"
    public static let invocationID = "InvocationID"
    public static let invocationTimestamp = "InvocationTimestamp"
    public static let workflowName = "WorkflowName"
    public static let invocationIDFromDate = "InvocationIDFromDate"
    public static let loggingDataStore = "LoggingDataStore"
    public static let defaultDataStore = "DefaultDataStore"
    public static let faasrLog = "FaaSrLog"
    public static let functionRank = "FunctionRank"
    public static let actionList = "ActionList"
    public static let computeServers = "ComputeServers"
    public static let dataStores = "DataStores"
    public static let vmConfig = "VMConfig"
    public static let actionContainers = "ActionContainers"
    public static let functionGitRepo = "FunctionGitRepo"
    public static let functionLocalFile = "FunctionLocalFile"
    public static let functionCRANPackage = "FunctionCRANPackage"
    public static let functionGitHubPackage = "FunctionGitHubPackage"
    public static let pyPIPackageDownloads = "PyPIPackageDownloads"
    public static let pythonPackageGitHub = "PythonPackageGitHub"
    public static let pythonCondaPackage = "PythonCondaPackage"
    public static let rerunOnMatchedInvocationID = "RerunOnMatchedInvocationID"
    public static let secrets = "Secrets"

    /// The maps keyed by **function** name (not action name): code and package sources.
    public static let functionMaps = [
        functionGitRepo, functionLocalFile, functionCRANPackage, functionGitHubPackage,
        pyPIPackageDownloads, pythonPackageGitHub, pythonCondaPackage,
    ]
}
