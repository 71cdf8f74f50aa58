@testable import FaaSrCore

/// Small workflows shared by the model, graph and editing tests.
enum ModelFixtures {
    /// A three-action workflow with a ranked edge and a conditional object.
    static let sample = """
    {
      "WorkflowName": "demo",
      "FunctionInvoke": "start",
      "DefaultDataStore": "S3",
      "LoggingDataStore": "S3",
      "FaaSrLog": "FaaSrLog",
      "Extra": {"keep": 1.0},
      "ActionList": {
        "start": {
          "FunctionName": "begin",
          "FaaSServer": "GH",
          "Type": "Python",
          "Arguments": {"n": 5},
          "InvokeNext": ["work(3)", {"True": ["done"], "False": []}],
          "Custom": true
        },
        "work": {"FunctionName": "work_fn", "FaaSServer": "GH", "Type": "R", "InvokeNext": ["done"]},
        "done": {"FunctionName": "finish", "FaaSServer": "AWS", "Type": "Python"}
      },
      "ComputeServers": {
        "GH": {"FaaSType": "GitHubActions", "UserName": "u", "ActionRepoName": "r", "Branch": "main", "UseSecretStore": true},
        "AWS": {"FaaSType": "Lambda", "Region": "us-east-1"}
      },
      "DataStores": {
        "S3": {"Endpoint": "", "Bucket": "b", "Region": "us-east-1", "Writable": "TRUE", "Anonymous": "True"}
      },
      "ActionContainers": {"start": "img:1", "work": "img:2"},
      "FunctionGitRepo": {"begin": "o/r", "work_fn": ["o/a", "o/b"]},
      "PyPIPackageDownloads": {"begin": ["numpy"]},
      "VMConfig": {"Name": "VM", "Provider": "AWS", "InstanceId": "i-1", "Region": "us-east-1"},
      "Secrets": ["MY_KEY"]
    }
    """

    static func workflow() throws -> Workflow { try Workflow(text: sample) }
}
