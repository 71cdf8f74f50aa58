import Foundation
import FaaSrCore
import FaaSrTestSupport
import Testing
@testable import FaaSrLayout

/// Issue 10: a 2.x file is drawn with its own action names in every output (no migration);
/// the web-builder layout's node ids are the `ActionList` keys.
@Suite("Corpus: drawings keep each file's action names")
struct CorpusNamesTests {
    static func twoX() -> [(String, Workflow)] {
        SharedFixtures.corpusFiles().compactMap { url in
            guard let bytes = try? Data(contentsOf: url), let doc = try? JSONDocument(bytes: Array(bytes)) else { return nil }
            let w = Workflow(document: doc)
            return w.format == .v2 ? (url.lastPathComponent, w) : nil
        }
    }

    static func ids(_ text: String) -> [String] {
        let nodes = (try? JSONDocument(text: text))?.root.objectValue?["nodes"]?.arrayValue ?? []
        return nodes.compactMap { $0.objectValue?["id"]?.stringValue }
    }

    @Test("every 2.x corpus file: layout, JSON and web-layout node ids are its ActionList keys")
    func namesAsWritten() throws {
        guard try SharedFixtures.require() else { return }
        let files = Self.twoX()
        #expect(files.count > 300)
        var underscored = 0
        for (name, w) in files {
            let actions = w.actionNames
            let graph = WorkflowLayoutGraph.make(from: w)
            #expect(graph.nodes.filter { !$0.isPlaceholder }.map(\.id) == actions, "\(name)")
            let drawing = DAGLayout.draw(graph, options: .init(orientation: .topToBottom))
            let placeholders = Set(graph.nodes.filter(\.isPlaceholder).map(\.id))
            #expect(Self.ids(DAGJSON.text(drawing, graph: graph)).filter { !placeholders.contains($0) } == actions, "\(name)")
            #expect(Self.ids(WebBuilderLayout.text(drawing, graph: graph)).filter { !placeholders.contains($0) } == actions, "\(name)")
            if actions.contains(where: { $0.contains("_") }) { underscored += 1 }
        }
        #expect(underscored >= 2, "the corpus has 2.x files with '_' in action names")
    }

    @Test("a 2.x file with '_' in action names is drawn with '_' and flagged by validation")
    func underscoreNamesDrawnAndFlagged() throws {
        guard try SharedFixtures.require() else { return }
        let url = SharedFixtures.corpusDirectory.appendingPathComponent("dekkov__FaaSr-cli__cycled-workflow.json")
        let w = Workflow(document: try JSONDocument(bytes: Array(try Data(contentsOf: url))))
        #expect(w.format == .v2)
        let graph = WorkflowLayoutGraph.make(from: w)
        #expect(graph.nodes.map(\.id).contains("start_github"))
        #expect(!graph.nodes.map(\.id).contains("start-github"))
        let flagged = Validator().validate(.object(w.root)).filter { $0.pointer == JSONPointer(tokens: ["ActionList", "start_github"]) }
        #expect(!flagged.isEmpty)
    }
}
