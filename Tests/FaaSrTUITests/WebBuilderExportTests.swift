import FaaSrCore
import FaaSrTestSupport
import Foundation
import Testing
import TUIKit
@testable import FaaSrTUI

/// `:export` follows the web builder's import rules (spec/builders.md §2.7–2.9).
@Suite("Web builder export: import rules, never the open file, asks first")
struct WebBuilderExportTests {
    /// The edges the builder's import draws for `doc`: every InvokeNext item (string, or in a
    /// True/False object) whose target is an action, rank suffix dropped.
    static func builderEdges(_ doc: DesignDocument) -> Set<String> {
        var out = Set<String>()
        let names = Set(doc.actionNames)
        func target(_ s: String) -> String { s.split(separator: "(").first.map { String($0).trimmingCharacters(in: .whitespaces) } ?? s }
        for a in doc.actionNames {
            var items: [JSONValue] = []
            switch doc.action(a)?["InvokeNext"] {
            case .string(let s)?: items = [.string(s)]
            case .array(let list)?: items = list
            default: break
            }
            for item in items {
                var targets: [String] = []
                if let s = item.stringValue { targets = [s] }
                if let o = item.objectValue {
                    for m in o.members { targets += m.value.arrayValue?.compactMap(\.stringValue) ?? [] }
                }
                for t in targets.map(target) where names.contains(t) { out.insert(a + "->" + t) }
            }
        }
        return out
    }

    /// Checks one workflow's export against the import rules; returns what is wrong.
    static func check(_ doc: DesignDocument) throws -> [String] {
        var wrong: [String] = []
        let wf = try JSONDocument(text: WebBuilderExport.workflowText(doc)).root
        if wf != SecretMask.stripped(doc.root) { wrong.append("the workflow file differs from the document") }
        for a in doc.actionNames {
            if doc.action(a)?["Arguments"] == nil, wf[WorkflowKey.actionList]?[a]?["Arguments"] != nil { wrong.append("\(a): Arguments added") }
        }
        if doc.root["InvocationID"] == nil, wf["InvocationID"] != nil { wrong.append("InvocationID added") }
        if (doc.root[WorkflowKey.actionContainers]?.objectValue?.count ?? 0) != (wf[WorkflowKey.actionContainers]?.objectValue?.count ?? 0) {
            wrong.append("ActionContainers entries added")
        }
        let layout = try JSONDocument(text: WebBuilderExport.layoutText(doc)).root
        let ids = layout["nodes"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
        if Set(ids) != Set(doc.actionNames) || ids.count != doc.actionNames.count {
            wrong.append("layout nodes \(ids.sorted().prefix(5)) are not the ActionList keys \(doc.actionNames.sorted().prefix(5))")
        }
        let drawn = Set((layout["edges"]?.arrayValue ?? []).compactMap { e in
            e["source"]?.stringValue.flatMap { s in e["target"]?.stringValue.map { s + "->" + $0 } }
        })
        let missing = builderEdges(doc).subtracting(drawn)
        if !missing.isEmpty { wrong.append("edges missing from the layout: \(missing.sorted().prefix(5))") }
        return wrong
    }

    @Test("every sample and every corpus workflow: node ids are the ActionList keys, every edge is in the layout, nothing is added")
    func corpusAndSamples() throws {
        let samples = SampleFiles.json().map { SharedFixtures.packageRoot.appendingPathComponent("samples/" + $0) }
        #expect(samples.count >= 9)
        var files = samples
        let corpus = try SharedFixtures.require()
        if corpus { files += SharedFixtures.corpusFiles() }
        var checked = 0
        var failures: [String] = []
        for url in files {
            let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
            guard let s = try? DesignerFiles.state(text: text, path: url.path, size: Size(width: 100, height: 30), glyphs: .unicode),
                  !s.doc.actionNames.isEmpty else { continue }
            let wrong = try Self.check(s.doc)
            if !wrong.isEmpty { failures.append("\(url.lastPathComponent): \(wrong.joined(separator: "; "))") }
            checked += 1
        }
        #expect(failures.isEmpty, "\(failures.count) of \(checked):\n\(failures.prefix(10).joined(separator: "\n"))")
        #expect(checked >= samples.count - 1 + (corpus ? 380 : 0), "every sample but the empty template has actions; most corpus files open")
    }

    static let hazardText = """
    {"ActionList": {
       "start": {"FunctionName": "f", "FaaSServer": "GH", "Type": "Python", "InvokeNext": ["c", {"True": ["a"], "False": ["b"]}]},
       "a": {"FunctionName": "f", "FaaSServer": "GH", "Type": "Python", "InvokeNext": "c"},
       "b": {"FunctionName": "f", "FaaSServer": "GH", "Type": "Python", "InvokeNext": []},
       "c": {"FunctionName": "f", "FaaSServer": "GH", "Type": "Python", "InvokeNext": []}},
     "ComputeServers": {"GH": {"FaaSType": "GitHubActions", "UserName": "me", "ActionRepoName": "r", "Branch": "main"}},
     "DataStores": {"S3": {"Bucket": "b", "Region": "us-east-1"}},
     "FunctionInvoke": "start", "DefaultDataStore": "S3", "FunctionGitRepo": {"f": "me/r"}, "WorkflowName": "hz"}
    """

    @Test("a conditional after index 0 and a string InvokeNext are named; s writes the builder-safe order")
    func hazards() throws {
        let doc = try DesignDocument(text: Self.hazardText)
        let hz = WebBuilderExport.importHazards(doc)
        #expect(hz.count == 2 && hz[0].hasPrefix("start:") && hz[1].hasPrefix("a:"))
        var j = try Journey(text: Self.hazardText, path: "/tmp/x/wf.json")
        j.press(":", "text:export", "Enter")
        let checked = j.answerExportCheck()
        let plan = try #require(checked)
        guard case .confirm(_, _, let details, .export) = j.state.mode else { Issue.record("no dialog"); return }
        // (A 2.x file opens as written, so the string InvokeNext is also a validation error.)
        #expect(Array(details.suffix(2)) == WebBuilderExport.importHazards(j.state.doc))
        #expect(!details.isEmpty)
        j.press("s")
        guard case .export(let files)? = j.effects.last else { Issue.record("no export"); return }
        #expect(files == plan.builderSafeFiles)
        let wf = try JSONDocument(text: files[0].text).root
        #expect(wf["ActionList"]?["start"]?["InvokeNext"] == [["True": ["a"], "False": ["b"]], "c"])
        #expect(wf["ActionList"]?["a"]?["InvokeNext"] == ["c"])
        #expect(WebBuilderExport.importHazards(try DesignDocument(text: files[0].text)) == [])
    }

    @Test("the open file is never written; existing files and an invalid workflow are asked about; n writes nothing")
    func asksFirst() throws {
        let text = tutorialText.replacingOccurrences(of: "\"WorkflowName\": \"tutorial\"", with: "\"WorkflowName\": \"wf\"")
        var j = try Journey(text: text, path: "/tmp/x/wf.json")
        j.press(":", "text:export", "Enter")
        let checked = j.answerExportCheck(existing: ["/tmp/x/wf-layout.json"])
        let plan = try #require(checked)
        #expect(plan.files.map(\.path) == ["/tmp/x/wf.webbuilder.json", "/tmp/x/wf-layout.json"])
        guard case .confirm(_, _, let details, .export) = j.state.mode else { Issue.record("no dialog"); return }
        #expect(details.contains { $0.contains("file being edited") })
        #expect(details.contains("overwrites /tmp/x/wf-layout.json"))
        j.press("Escape")
        #expect(j.state.mode == .normal)
        #expect(!j.effects.contains { if case .export = $0 { true } else { false } })
        // A cycle: the export says the workflow is invalid.
        j.press("5", "G", ">", "text:start", "Enter")
        #expect(j.state.problems.contains { $0.severity == .error })
        j.press(":", "text:export /tmp/out", "Enter")
        let checkedAgain = j.answerExportCheck()
        let again = try #require(checkedAgain)
        #expect(again.files.map(\.path) == ["/tmp/out/wf.json", "/tmp/out/wf-layout.json"])
        guard case .confirm(_, _, let d2, .export) = j.state.mode else { Issue.record("no dialog"); return }
        #expect(d2.contains { $0.hasPrefix("the workflow is invalid") })
        j.press("y")
        #expect(j.effects.last == .export(files: again.files))
    }
}
