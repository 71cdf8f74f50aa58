import FaaSrCore
import Foundation
import Testing
import TUIKit
@testable import FaaSrTUI

/// Drives the reducer with tmux-style key names and records the effects.
struct Journey {
    var state: AppState
    var effects: [Effect] = []

    init(_ state: AppState) { self.state = state }

    init(text: String, path: String = "/tmp/wf.json", size: Size = Size(width: 100, height: 30)) throws {
        state = try DesignerFiles.state(text: text, path: path, size: size, glyphs: .unicode)
    }

    static func empty(path: String? = "/tmp/new.json") -> Journey {
        var s = AppState(doc: .template(), filePath: path)
        s.savedDoc = DesignDocument(root: .null)
        return Journey(s)
    }

    /// Presses keys: names like `Enter`, `C-s`, `j`; `"text:abc"` types a string.
    mutating func press(_ keys: String...) {
        for k in keys {
            if k.hasPrefix("text:") {
                for c in k.dropFirst(5) { send(.key(.char(c))) }
            } else {
                guard let key = Key(name: k) else { Issue.record("unknown key name \(k)"); continue }
                send(.key(key))
            }
        }
    }

    mutating func type(_ text: String) { press("text:" + text) }

    mutating func send(_ e: AppEvent) { effects += reduce(&state, e) }

    /// Answers the last effect, an export check, as the runner would when `existing` of its
    /// files are on disk; returns the plan.
    @discardableResult
    mutating func answerExportCheck(existing: [String] = []) -> ExportPlan? {
        guard case .checkExport(let plan)? = effects.last else { Issue.record("no export check: \(effects.last.map { "\($0)" } ?? "none")"); return nil }
        send(.exportChecked(plan, existing: existing))
        return plan
    }

    /// The screen as text.
    var screen: String { render(state).canvas.plainText() }

    /// Compares the screen with `Goldens/<name>.txt` (written when UPDATE_GOLDENS=1).
    func expectGolden(_ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens/\(name).txt")
        let text = screen + "\n"
        if ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1" || !FileManager.default.fileExists(atPath: url.path) {
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(text == expected, "screen differs from \(name).txt:\n\(text)", sourceLocation: sourceLocation)
    }
}

let tutorialText = """
{
  "ActionList": {
    "start": {"FunctionName": "create", "FaaSServer": "GH", "Type": "Python", "Arguments": {"n": 3}, "InvokeNext": ["sum"]},
    "sum": {"FunctionName": "compute_sum", "FaaSServer": "GH", "Type": "Python", "InvokeNext": []}
  },
  "ComputeServers": {"GH": {"FaaSType": "GitHubActions", "UserName": "me", "ActionRepoName": "FaaSr-workflow", "Branch": "main"}},
  "DataStores": {"S3": {"Endpoint": "", "Bucket": "faasr", "Region": "us-east-1", "Writable": "TRUE"}},
  "FunctionInvoke": "start",
  "DefaultDataStore": "S3",
  "FunctionGitRepo": {"create": "me/repo", "compute_sum": "me/repo"},
  "WorkflowName": "tutorial"
}
"""

extension DesignDocument {
    /// `target(rank) branch` of each edge of `action`, for compact expectations.
    func edgeTexts(of action: String) -> [String] { edges(of: action).map { "\($0.text) \($0.branch.rawValue)" } }
}
