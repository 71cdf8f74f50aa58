import FaaSrCore
import FaaSrLayout
import FaaSrTestSupport
import Foundation
import Testing
import TUIKit
@testable import FaaSrTUI

/// The designer's document is the core model: malformed `InvokeNext` items read the same in
/// validation and in the designer; 2.x files open as written; quick fixes are explicit edits.
@Suite("Designer document model")
struct DocumentModelTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// A two-action workflow whose `A.InvokeNext` is `[item]`.
    static func workflow(with item: JSONValue) -> DesignDocument {
        let action = { (next: JSONValue) -> JSONValue in ["FunctionName": "f", "FaaSServer": "GH", "Type": "Python", "InvokeNext": next] }
        return DesignDocument(root: [
            "WorkflowName": "w", "FunctionInvoke": "A", "DefaultDataStore": "S3",
            "ActionList": ["A": action([item]), "B": action([])],
            "ComputeServers": ["GH": ["FaaSType": "GitHubActions", "UserName": "u", "ActionRepoName": "r", "Branch": "main"]],
            "DataStores": ["S3": ["Bucket": "b", "Region": "us-east-1", "Writable": "TRUE"]],
        ])
    }

    static let malformed: [JSONValue] = [
        "B(2)junk", "B(x)", "B()", "B(0)", "B(-1)", " B", "B(2", ["True": "B"], ["true": ["B"]], [["B"]], 3, .null,
    ]

    @Test("malformed InvokeNext items: the designer's edges, verdict and problems are the core's", arguments: malformed)
    func malformedItems(_ item: JSONValue) {
        let doc = Self.workflow(with: item)
        let core = Workflow(root: doc.root)
        // Parsed target: the designer's edges are the core graph's edges of A.
        let coreEdges = core.graph.outgoing(from: "A").map { "\($0.to)|\($0.rank.map(String.init) ?? "-")|\($0.branch.rawValue)" }
        let designerEdges = doc.edges(of: "A").map { "\($0.target)|\($0.rank.map(String.init) ?? "-")|\($0.condition.rawValue)" }
        #expect(designerEdges == coreEdges, "\(item)")
        #expect(AppState(doc: doc, filePath: nil).graphIndex.edges["A", default: []].map(\.to) == core.graph.outgoing(from: "A").map(\.to))
        // Verdict: the designer's problems are the validator's, pointer for pointer.
        let diagnostics = Validator().validate(doc.root)
        let problems = WorkflowCheck.problems(in: doc)
        #expect(problems.map(\.pointer) == diagnostics.map(\.pointer), "\(item)")
        #expect(problems.map(\.code) == diagnostics.map(\.code), "\(item)")
        #expect(problems.contains { $0.severity == .error } == diagnostics.contains { $0.severity == .error }, "\(item)")
        // The drawing has the same edges as the core graph (no migration, no other parser).
        let layout = WorkflowLayoutGraph.make(as: doc.workflow)
        #expect(layout.edges.count == core.graph.edges.count)
    }

    @Test("a 2.x file with 1.x traits opens exactly as written; the fixes are quick fixes the user picks, each undoable")
    func twoXOpensAsWritten() throws {
        guard try SharedFixtures.require() else { return }
        for name in ["dekkov__FaaSr-cli__cycled-workflow.json", "FaaSr__FaaSr-workflow__endtoend.json"] {
            let text = try String(contentsOf: SharedFixtures.corpusDirectory.appendingPathComponent(name), encoding: .utf8)
            var j = try Journey(text: text)
            #expect(j.state.toast == nil || !(j.state.toast ?? "").contains("migrated"), "\(name)")
            #expect(!j.state.isDirty)
            let original = try DesignDocument(text: text)
            #expect(j.state.doc == original)
            #expect(j.state.doc.actionNames.contains { $0.contains("_") })
            // Rename every '_' name: one edit, references follow, undo restores the file.
            let i = try #require(j.state.problems.firstIndex { QuickFix.offered(for: $0, in: j.state.doc) == .dashNames })
            j.press("6")
            for _ in 0..<i { j.press("j") }
            j.press("f")
            #expect(!j.state.doc.actionNames.contains { $0.contains("_") })
            #expect(j.state.history.past.count == 1)
            let entry = try #require(j.state.doc.entry)
            #expect(j.state.doc.actionNames.contains(entry))
            // Move an inline credential to the secret store.
            let k = try #require(j.state.problems.firstIndex { if case .moveCredentialToSecret = QuickFix.offered(for: $0, in: j.state.doc) { true } else { false } })
            let pointer = j.state.problems[k].pointer
            j.press("g")
            for _ in 0..<k { j.press("j") }
            j.press("f")
            #expect(j.state.doc.root.value(at: pointer) == nil)
            #expect(j.state.history.past.count == 2)
            j.press("u", "u")
            #expect(j.state.doc == original)
            #expect(!j.state.isDirty)
        }
    }

    @Test("a 1.x file is migrated once, keeps its layout, its to-dos are problems, and the dialogs say what is unsaved")
    func legacyMigration() throws {
        guard try SharedFixtures.require() else { return }
        let url = SharedFixtures.corpusDirectory.appendingPathComponent("Ashish-Ramrakhiani__FaaSr-synthetic__test__small_workflow_ow__small_workflow_ow.json")
        let text = try String(contentsOf: url, encoding: .utf8)
        var j = try Journey(text: text)
        #expect(j.state.toast?.contains("migrated from FaaSr 1.x") == true)
        #expect(j.state.isDirty)
        let todos = j.state.problems.filter { $0.code == "migration.todo" }
        #expect(!todos.isEmpty)
        if j.state.toast?.contains("to do") == true { #expect(!todos.isEmpty) }
        // The Secrets page lists each name once.
        let labels = j.state.formRowsForSecrets()
        #expect(labels.count == Set(labels).count, "\(labels)")
        j.press("q")
        guard case .confirm(_, _, let details, _) = j.state.mode else { Issue.record("no quit dialog"); return }
        #expect(details.first?.contains("0 unsaved edit(s)") == false)
        #expect(details.first?.contains("migration from FaaSr 1.x") == true)
    }

    @Test("every corpus file: the designer lists and draws the file's own action names (1.x files: their migration's)")
    func ownNames() throws {
        guard try SharedFixtures.require() else { return }
        var checked = 0
        for url in SharedFixtures.corpusFiles() {
            let bytes = try Data(contentsOf: url)
            guard let w = try? Workflow(bytes: Array(bytes)) else { continue }
            let s = try DesignerFiles.state(text: String(decoding: bytes, as: UTF8.self), path: url.path, size: Size(width: 100, height: 30), glyphs: .unicode)
            let expected = w.format == .v1 ? Migrator.migrate(w, options: MigrationOptions(fileName: url.lastPathComponent)).workflow.actionNames : w.actionNames
            #expect(s.names(in: .actions) == expected, "\(url.lastPathComponent)")
            let drawn = WorkflowLayoutGraph.make(as: s.doc.workflow).nodes.filter { !$0.isPlaceholder }.map(\.id)
            #expect(drawn == expected, "\(url.lastPathComponent)")
            #expect(w.format == .v1 || !s.isDirty, "\(url.lastPathComponent): a 2.x file opens unchanged")
            checked += 1
        }
        #expect(checked > 380)
    }

    @Test("the preview diff marks every change of each 1.x corpus file's migration")
    func previewOfMigrations() throws {
        guard try SharedFixtures.require() else { return }
        for url in SharedFixtures.corpusFiles() {
            let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
            guard let s = try? DesignerFiles.state(text: text, path: url.path, size: Size(width: 100, height: 30), glyphs: .unicode), s.isDirty else { continue }
            let lines = s.previewLines
            let saved = lines.filter { !$0.hasPrefix("+ ") }.map { String($0.dropFirst(2)) }.joined(separator: "\n")
            let pending = lines.filter { !$0.hasPrefix("- ") }.map { String($0.dropFirst(2)) }.joined(separator: "\n")
            #expect(saved == SecretMask.maskedText(s.savedDoc), "\(url.lastPathComponent)")
            #expect(pending == SecretMask.maskedText(s.doc), "\(url.lastPathComponent)")
            #expect(lines.contains { !$0.hasPrefix("  ") }, "\(url.lastPathComponent)")
        }
    }

    @Test("Myers diff: the shortest script, prefix and suffix kept")
    func diffBasics() {
        #expect(PreviewDiff.lines(saved: "a\nb\nc", pending: "a\nc") == ["  a", "- b", "  c"])
        #expect(PreviewDiff.lines(saved: "a\nc", pending: "a\nb\nc") == ["  a", "+ b", "  c"])
        #expect(PreviewDiff.lines(saved: "x", pending: "y") == ["- x", "+ y"])
        #expect(PreviewDiff.lines(saved: "a\nb\nc\nd", pending: "b\nx\nd\ne") == ["- a", "  b", "- c", "+ x", "  d", "+ e"])
    }

    @Test("duplicate proposes a valid, unused name; FunctionGitRepo is optional with FunctionLocalFile; a new store opens its form")
    func smallFixes() throws {
        var doc = try DesignDocument(text: try String(contentsOf: Self.fixtures.appendingPathComponent("diamond.json"), encoding: .utf8))
        doc.root.setValue(["start": "start.py"], at: JSONPointer(tokens: ["FunctionLocalFile"]))
        var j = Journey(AppState(doc: doc, filePath: "/tmp/wf.json"))
        j.press("y")
        guard case .prompt(_, let field, _) = j.state.mode else { Issue.record("no prompt"); return }
        #expect(field.text == "start-copy")
        j.press("Enter")
        #expect(j.state.doc.actionNames.contains("start-copy"))
        j.press("g", "Enter")
        #expect(j.state.formRows.first { $0.label == "FunctionGitRepo" }?.required == false)
        j.press("Escape", "3", "a", "text:S4", "Enter")
        #expect(j.state.focus == .details)
        #expect(j.state.formRows[j.state.fieldIndex].label == "Bucket")
    }

    @Test("Enter on a problem about an InvokeNext item lands on that item's edge row")
    func jumpToItem() throws {
        var doc = try DesignDocument(text: try String(contentsOf: Self.fixtures.appendingPathComponent("diamond.json"), encoding: .utf8))
        doc.root.setValue(["join", "right", "ghost3"], at: JSONPointer(tokens: ["ActionList", "left", "InvokeNext"]))
        var j = Journey(AppState(doc: doc, filePath: "/tmp/wf.json"))
        let i = try #require(j.state.problems.firstIndex { $0.pointer.description == "/ActionList/left/InvokeNext/2" })
        j.press("6")
        for _ in 0..<i { j.press("j") }
        j.press("Enter")
        #expect(j.state.focus == .details)
        #expect(j.state.formRows[j.state.fieldIndex].target == .edge("left", 2))
    }
}

extension AppState {
    /// The labels of the Secrets page's derived names.
    func formRowsForSecrets() -> [String] {
        var s = self
        s.section = .settings
        s.select(SettingsForm.secrets, in: .settings)
        let rows = s.formRows
        let end = rows.firstIndex { $0.label == "User secrets" } ?? rows.count
        return rows[1..<end].map(\.label)
    }
}
