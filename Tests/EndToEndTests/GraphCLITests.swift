import Foundation
import FaaSrCore
import FaaSrTestSupport
import Testing

/// `faasr graph` as a user runs it: the real binary on the samples, every output format.
@Suite("faasr graph")
struct GraphCLITests {
    static func sample(_ name: String) -> String {
        SharedFixtures.packageRoot.appendingPathComponent("samples/\(name)/\(name).json").path
    }

    static let diamondEdges: Set<[String]> = [["start", "left"], ["start", "right"], ["left", "join"], ["right", "join"]]

    @Test func drawsEveryActionAsABoxSameOutputEveryRun() throws {
        guard try FaasrExecutable.require() != nil else { return }
        let first = try FaasrExecutable.run(["graph", Self.sample("diamond")])
        #expect(first.status == 0)
        #expect(first.err.isEmpty)
        for name in ["start", "left", "right", "join"] { #expect(first.out.contains(name), "\(name) drawn") }
        #expect(first.out.contains("┌") && first.out.contains("▼"))
        #expect(!first.out.contains("\u{1B}["))  // not a terminal: plain text
        let second = try FaasrExecutable.run(["graph", Self.sample("diamond")])
        #expect(second.out == first.out)
        let text = try FaasrExecutable.run(["graph", "--format", "text", Self.sample("diamond")])
        #expect(text.out == first.out)
    }

    @Test func asciiGlyphsOnly() throws {
        guard try FaasrExecutable.require() != nil else { return }
        let r = try FaasrExecutable.run(["graph", "--ascii", Self.sample("diamond")])
        #expect(r.status == 0)
        #expect(r.out.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(r.out.contains("+") && r.out.contains("|"))
        // A non-UTF-8 locale picks ASCII by itself.
        let c = try FaasrExecutable.run(["graph", Self.sample("diamond")], environment: ["LANG": "C", "LC_ALL": "C", "LC_CTYPE": "C"])
        #expect(c.out.unicodeScalars.allSatisfy { $0.isASCII })
    }

    @Test func jsonHasBoxesAndEdgesThatTouchThem() throws {
        guard try FaasrExecutable.require() != nil else { return }
        let r = try FaasrExecutable.run(["graph", "--format", "json", Self.sample("diamond")])
        #expect(r.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        let nodes = try #require(json["nodes"] as? [[String: Any]])
        let edges = try #require(json["edges"] as? [[String: Any]])
        var boxes: [String: (x: Int, y: Int, w: Int, h: Int)] = [:]
        for n in nodes {
            let id = try #require(n["id"] as? String)
            boxes[id] = (n["x"] as? Int ?? -1, n["y"] as? Int ?? -1, n["width"] as? Int ?? 0, n["height"] as? Int ?? 0)
        }
        #expect(Set(boxes.keys) == ["start", "left", "right", "join"])
        #expect(Set(edges.compactMap { e in (e["source"] as? String).flatMap { s in (e["target"] as? String).map { [s, $0] } } }) == Self.diamondEdges)
        #expect(json["crossings"] as? Int == 0)
        func touches(_ p: [Int], _ b: (x: Int, y: Int, w: Int, h: Int)) -> Bool {
            p[0] >= b.x - 1 && p[0] <= b.x + b.w && p[1] >= b.y - 1 && p[1] <= b.y + b.h
        }
        for e in edges {
            let points = try #require(e["points"] as? [[Int]])
            let s = try #require(boxes[e["source"] as? String ?? ""]), t = try #require(boxes[e["target"] as? String ?? ""])
            #expect(points.count >= 2)
            #expect(touches(points.first!, s), "edge leaves its source box")
            #expect(touches(points.last!, t), "edge reaches its target box")
        }
        // Top-to-bottom: the entry is above the join.
        #expect(boxes["start"]!.y < boxes["join"]!.y)
        let lr = try FaasrExecutable.run(["graph", "--format", "json", "--direction", "lr", Self.sample("diamond")])
        let lrJSON = try #require(try JSONSerialization.jsonObject(with: Data(lr.out.utf8)) as? [String: Any])
        #expect(lrJSON["orientation"] as? String == "LR")
    }

    @Test func colourOnRequestAndNoColourRespected() throws {
        guard try FaasrExecutable.require() != nil else { return }
        // The test runner may set NO_COLOR; an empty value means "not set".
        let ansi = try FaasrExecutable.run(["graph", "--format", "ansi", Self.sample("conditional")], environment: ["NO_COLOR": ""])
        #expect(ansi.status == 0)
        #expect(ansi.out.contains("\u{1B}["))
        #expect(ansi.out.contains("True") && ansi.out.contains("False"))
        let noColorEnv = try FaasrExecutable.run(["graph", "--format", "ansi", Self.sample("conditional")], environment: ["NO_COLOR": "1"])
        #expect(!noColorEnv.out.contains("\u{1B}["))
        let noColorFlag = try FaasrExecutable.run(["graph", "--format", "ansi", "--no-color", Self.sample("conditional")])
        #expect(!noColorFlag.out.contains("\u{1B}["))
        #expect(noColorFlag.out == noColorEnv.out)
    }

    @Test func highlightCompactMaxWidthAndStdin() throws {
        guard try FaasrExecutable.require() != nil else { return }
        let hl = try FaasrExecutable.run(["graph", "--format", "ansi", "--highlight", "left", Self.sample("diamond")], environment: ["NO_COLOR": ""])
        #expect(hl.status == 0)
        let plain = try FaasrExecutable.run(["graph", "--format", "ansi", Self.sample("diamond")], environment: ["NO_COLOR": ""])
        #expect(hl.out.contains("\u{1B}["))
        #expect(hl.out != plain.out)  // neighbours marked, the rest dimmed

        let lanes = try FaasrExecutable.run(["graph", "--compact", Self.sample("diamond")])
        #expect(lanes.status == 0)
        let rows = lanes.out.split(separator: "\n").map(String.init)
        let order = ["start", "left", "right", "join"].compactMap { name in rows.firstIndex { $0.contains(name) } }
        #expect(order.count == 4 && order == order.sorted())

        let narrow = try FaasrExecutable.run(["graph", "--max-width", "20", Self.sample("diamond")])
        #expect(narrow.status == 0)
        #expect(narrow.err.contains("compact lane list"))
        #expect(narrow.out == lanes.out)

        let text = try String(contentsOfFile: Self.sample("diamond"), encoding: .utf8)
        let piped = try FaasrExecutable.run(["graph", "-"], stdin: text)
        let fromFile = try FaasrExecutable.run(["graph", Self.sample("diamond")])
        #expect(piped.status == 0)
        #expect(piped.out == fromFile.out)
    }

    @Test func webBuilderLayoutIsJSONWithEveryAction() throws {
        guard try FaasrExecutable.require() != nil else { return }
        let r = try FaasrExecutable.run(["graph", "--format", "web-layout", Self.sample("tutorial")])
        #expect(r.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        let nodes = try #require(json["nodes"] as? [[String: Any]])
        #expect(Set(nodes.compactMap { $0["id"] as? String }) == ["start", "sum"])
        #expect(nodes.allSatisfy { ($0["position"] as? [String: Any])?["x"] is Int })
        #expect((json["edges"] as? [[String: Any]])?.count == 1)
    }

    @Test func badInputExplainsAndExitsNonZero() throws {
        guard try FaasrExecutable.require() != nil else { return }
        let unknown = try FaasrExecutable.run(["graph", "--highlight", "nosuch", Self.sample("diamond")])
        #expect(unknown.status == 2)
        #expect(unknown.err.contains("no action named 'nosuch'"))
        #expect(unknown.err.contains("start, left, right, join") || unknown.err.contains("actions:"))

        let missing = try FaasrExecutable.run(["graph", "/nonexistent/wf.json"])
        #expect(missing.status != 0)
        #expect(missing.err.contains("/nonexistent/wf.json"))

        let width = try FaasrExecutable.run(["graph", "--max-width", "3", Self.sample("diamond")])
        #expect(width.status != 0)
        #expect(width.err.contains("--max-width must be at least 10"))

        let dir = try FaasrExecutable.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let broken = dir.appendingPathComponent("broken.json")
        try "{\n  \"ActionList\": {,\n}\n".write(to: broken, atomically: true, encoding: .utf8)
        let b = try FaasrExecutable.run(["graph", broken.path])
        #expect(b.status != 0)
        #expect(b.err.contains("\(broken.path):2:"))
    }

    @Test func aCycleIsDrawnNotRefused() throws {
        guard try FaasrExecutable.require() != nil else { return }
        let dir = try FaasrExecutable.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("cycle.json")
        try """
            {"WorkflowName": "loop", "FunctionInvoke": "a",
             "ActionList": {"a": {"FaaSServer": "G", "FunctionName": "fa", "Type": "Python", "InvokeNext": ["b"]},
                            "b": {"FaaSServer": "G", "FunctionName": "fb", "Type": "Python", "InvokeNext": ["a"]}}}
            """.write(to: file, atomically: true, encoding: .utf8)
        let r = try FaasrExecutable.run(["graph", "--format", "json", file.path])
        #expect(r.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        let edges = try #require(json["edges"] as? [[String: Any]])
        #expect(edges.count == 2)
        #expect(edges.filter { $0["back"] as? Bool == true }.count == 1)
    }
}

/// Issue 10: `faasr graph` draws a 2.x file with its own names in every format; only a 1.x
/// file is converted, and then the command says so.
@Suite("faasr graph: names as written")
struct GraphNamesCLITests {
    @Test(arguments: ["dekkov__FaaSr-cli__cycled-workflow.json", "FaaSr__FaaSr-workflow__endtoend.json"])
    func underscoreNamesInEveryFormat(_ file: String) throws {
        guard try FaasrExecutable.require() != nil, try SharedFixtures.require() else { return }
        let path = SharedFixtures.corpusDirectory.appendingPathComponent(file).path
        let names = try Workflow(text: String(contentsOfFile: path, encoding: .utf8)).actionNames.filter { $0.contains("_") }
        #expect(!names.isEmpty)
        for format in ["text", "ansi", "json", "web-layout"] {
            let r = try FaasrExecutable.run(["graph", "--format", format, "--max-width", "400", path])
            #expect(r.status == 0, "\(format): \(r.err)")
            #expect(r.err.isEmpty, "\(format): \(r.err)")
            for n in names {
                #expect(r.out.contains(n), "\(file) \(format): \(n) drawn as written")
                #expect(!r.out.contains(n.replacingOccurrences(of: "_", with: "-")), "\(file) \(format): \(n) not renamed")
            }
        }
    }
}
