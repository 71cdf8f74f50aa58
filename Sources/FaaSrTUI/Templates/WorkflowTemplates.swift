import FaaSrCore

/// The workflows `:new` starts from. They are compiled in (the designer runs from anywhere,
/// without the package's `samples/` folder); `samples/templates/` holds the same files for
/// reading and for `faasr-tui samples/templates/NAME.json`, and a test keeps both equal.
public enum WorkflowTemplates {
    /// Template names, in the order the picker lists them.
    public static let names = ["empty", "tutorial", "diamond", "conditional"]

    /// One line per template for the picker.
    public static func summary(_ name: String) -> String {
        switch name {
        case "empty": "no actions; a GitHub Actions server GH and a data store S3"
        case "tutorial": "the FaaSr tutorial: start (create_sample_data) → sum (compute_sum), R"
        case "diamond": "start fans out to left and right, which join"
        case "conditional": "start invokes big when True, small when False"
        default: ""
        }
    }

    /// The template's document (nil for an unknown name).
    public static func document(_ name: String) -> DesignDocument? {
        if name == "empty" { return .template() }
        guard let text = text(name) else { return nil }
        return try? DesignDocument(text: text)
    }

    /// The template's file text (nil for `empty`, which is built in code, and unknown names).
    public static func text(_ name: String) -> String? {
        switch name {
        case "tutorial": tutorial
        case "diamond": diamond
        case "conditional": conditional
        default: nil
        }
    }

    static let tutorial = """
    {
      "ActionList": {
        "start": {
          "FunctionName": "create_sample_data",
          "FaaSServer": "GH",
          "Type": "R",
          "Arguments": {
            "folder": "tutorial",
            "output1": "sample1.csv",
            "output2": "sample2.csv"
          },
          "InvokeNext": [
            "sum"
          ]
        },
        "sum": {
          "FunctionName": "compute_sum",
          "FaaSServer": "GH",
          "Type": "R",
          "Arguments": {
            "folder": "tutorial",
            "input1": "sample1.csv",
            "input2": "sample2.csv",
            "output": "sum.csv"
          },
          "InvokeNext": []
        }
      },
      "ComputeServers": {
        "GH": {
          "FaaSType": "GitHubActions",
          "UserName": "YOUR_USERNAME",
          "ActionRepoName": "FaaSr-workflow",
          "Branch": "main",
          "UseSecretStore": true
        }
      },
      "DataStores": {
        "S3": {
          "Endpoint": "https://play.min.io",
          "Bucket": "faasr",
          "Region": "us-east-1",
          "Writable": "TRUE"
        }
      },
      "FunctionGitRepo": {
        "create_sample_data": "FaaSr/FaaSr-Functions/tutorial",
        "compute_sum": "FaaSr/FaaSr-Functions/tutorial"
      },
      "FunctionInvoke": "start",
      "DefaultDataStore": "S3",
      "LoggingDataStore": "S3",
      "FaaSrLog": "FaaSrLog",
      "WorkflowName": "tutorial"
    }

    """

    static let diamond = """
    {
      "ActionList": {
        "start": {
          "FunctionName": "split",
          "FaaSServer": "GH",
          "Type": "Python",
          "Arguments": {
            "folder": "diamond"
          },
          "InvokeNext": [
            "left",
            "right"
          ]
        },
        "left": {
          "FunctionName": "square",
          "FaaSServer": "GH",
          "Type": "Python",
          "Arguments": {
            "input": "numbers.txt",
            "output": "left.txt"
          },
          "InvokeNext": [
            "join"
          ]
        },
        "right": {
          "FunctionName": "square",
          "FaaSServer": "GH",
          "Type": "Python",
          "Arguments": {
            "input": "numbers.txt",
            "output": "right.txt"
          },
          "InvokeNext": [
            "join"
          ]
        },
        "join": {
          "FunctionName": "combine",
          "FaaSServer": "GH",
          "Type": "Python",
          "Arguments": {
            "output": "total.txt"
          },
          "InvokeNext": []
        }
      },
      "ComputeServers": {
        "GH": {
          "FaaSType": "GitHubActions",
          "UserName": "YOUR_USERNAME",
          "ActionRepoName": "FaaSr-workflow",
          "Branch": "main",
          "UseSecretStore": true
        }
      },
      "DataStores": {
        "S3": {
          "Endpoint": "",
          "Bucket": "faasr",
          "Region": "us-east-1",
          "Writable": "TRUE"
        }
      },
      "FunctionGitRepo": {
        "split": "YOUR_USERNAME/diamond-functions",
        "square": "YOUR_USERNAME/diamond-functions",
        "combine": "YOUR_USERNAME/diamond-functions"
      },
      "FunctionInvoke": "start",
      "DefaultDataStore": "S3",
      "LoggingDataStore": "S3",
      "FaaSrLog": "FaaSrLog",
      "WorkflowName": "diamond"
    }

    """

    static let conditional = """
    {
      "ActionList": {
        "start": {
          "FunctionName": "is_big",
          "FaaSServer": "GH",
          "Type": "Python",
          "Arguments": {
            "value": 42,
            "threshold": 10
          },
          "InvokeNext": [
            {
              "True": [
                "big"
              ],
              "False": [
                "small"
              ]
            }
          ]
        },
        "big": {
          "FunctionName": "report",
          "FaaSServer": "GH",
          "Type": "Python",
          "Arguments": {
            "label": "big"
          },
          "InvokeNext": []
        },
        "small": {
          "FunctionName": "report",
          "FaaSServer": "GH",
          "Type": "Python",
          "Arguments": {
            "label": "small"
          },
          "InvokeNext": []
        }
      },
      "ComputeServers": {
        "GH": {
          "FaaSType": "GitHubActions",
          "UserName": "YOUR_USERNAME",
          "ActionRepoName": "FaaSr-workflow",
          "Branch": "main",
          "UseSecretStore": true
        }
      },
      "DataStores": {
        "S3": {
          "Endpoint": "",
          "Bucket": "faasr",
          "Region": "us-east-1",
          "Writable": "TRUE"
        }
      },
      "FunctionGitRepo": {
        "is_big": "YOUR_USERNAME/conditional-functions",
        "report": "YOUR_USERNAME/conditional-functions"
      },
      "FunctionInvoke": "start",
      "DefaultDataStore": "S3",
      "LoggingDataStore": "S3",
      "FaaSrLog": "FaaSrLog",
      "WorkflowName": "conditional"
    }

    """
}
