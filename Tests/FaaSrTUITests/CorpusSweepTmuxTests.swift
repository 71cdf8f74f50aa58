import FaaSrCore
import FaaSrTestSupport
import Foundation
import Testing
import TUIKit
@testable import FaaSrTUI

/// The corpus through the real binary, in one tmux session (`:e` opens each file in turn):
/// every file opened and left is byte-identical; every valid 2.x file in canonical form,
/// opened and saved with no edit, is byte-identical too.
@Suite("tmux corpus sweep", .serialized)
struct CorpusSweepTmuxTests {
    @Test("every corpus file opened and left unchanged; canonical valid 2.x files saved unchanged")
    func sweep() throws {
        guard let bin = try TmuxSession.require(), try SharedFixtures.require() else { return }
        // A short folder, so toasts naming a path fit the status bar.
        let dir = "/tmp/fsw\(getpid())"
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var files: [(path: String, bytes: Data, save: Bool, dirty: Bool, parses: Bool)] = []
        for (i, url) in SharedFixtures.corpusFiles().enumerated() {
            let bytes = try Data(contentsOf: url)
            let path = dir + String(format: "/c%03d.json", i)
            try bytes.write(to: URL(fileURLWithPath: path))
            let text = String(decoding: bytes, as: UTF8.self)
            let state = try? DesignerFiles.state(text: text, path: path, size: Size(width: 100, height: 30), glyphs: .unicode)
            files.append((path, bytes, false, state?.isDirty ?? false, state != nil))
            // Its canonical form (`faasr fmt`), when it is a valid 2.x workflow.
            if let w = try? Workflow(text: text), w.format == .v2,
               !Validator().validate(w.document.root).contains(where: { $0.severity == .error }) {
                let canonical = Data(w.serializedCanonical().utf8)
                let cpath = dir + String(format: "/k%03d.json", i)
                try canonical.write(to: URL(fileURLWithPath: cpath))
                files.append((cpath, canonical, true, false, true))
            }
        }
        #expect(files.count > 450)
        let first = try #require(files.first { $0.parses && !$0.dirty })
        let t = TmuxSession(bin, args: [first.path], dir: dir)
        t.waitFor("NORMAL")
        var dirty = false
        var saved = 0
        for f in files {
            let name = (f.path as NSString).lastPathComponent
            t.keys(":"); t.type("e " + f.path); t.keys("Enter")
            if dirty {
                t.waitFor("Discard unsaved changes")
                t.keys("y")
            }
            if f.parses {
                t.waitFor("  " + name)
                dirty = f.dirty
            } else {
                t.waitFor(name + ":")
            }
            if f.save {
                t.keys("C-s"); t.waitFor("saved " + f.path)
                saved += 1
            }
        }
        t.keys("q")
        if dirty { t.waitFor("Quit without saving"); t.keys("y") }
        #expect(t.exitStatus() == 0)
        #expect(saved > 50)
        for f in files {
            #expect(try Data(contentsOf: URL(fileURLWithPath: f.path)) == f.bytes, "\(f.path) changed")
        }
    }
}
