#if canImport(FaaSrPlatformTestSupport)
import FaaSrPlatformTestSupport
import FaaSrTestSupport
import Foundation
import Testing
import TUIKit
@testable import FaaSrTUI

/// `:secrets set NAME` through ``Program`` with the real `faasr` and the loopback GitHub API
/// server (requests checked against github-rest-excerpt.json): the value typed in the masked
/// field is what the repository receives, and no frame, toast or message ever shows it.
@Suite("typed secrets journey (fake terminal, loopback GitHub)", .serialized)
struct SecretsJourneyTests {
    static let token = "ghp_test0123456789abcdefghijklmnopqrstu"

    /// Keeps every frame's text that shows `secret` (none should).
    final class WatchingTerminal: Terminal {
        let inner: FakeTerminal
        let secret: String
        private(set) var leaks: [String] = []
        private(set) var maskedFrames = 0
        init(_ inner: FakeTerminal, secret: String) {
            self.inner = inner
            self.secret = secret
        }
        var size: Size { inner.size }
        var hasEnded: Bool { inner.hasEnded }
        func readEvent(timeoutMilliseconds: Int) -> InputEvent? { inner.readEvent(timeoutMilliseconds: timeoutMilliseconds) }
        func present(_ canvas: Canvas, cursor: (x: Int, y: Int)?) {
            let text = canvas.plainText()
            if text.contains(secret) { leaks.append(text) }
            if text.contains(String(repeating: "•", count: secret.count)) { maskedFrames += 1 }
            inner.present(canvas, cursor: cursor)
        }
        func close() { inner.close() }
    }

    @Test("the value typed masked is pushed to GitHub and never drawn")
    func typedSecretReachesGitHub() async throws {
        guard try SharedFixtures.require(), let faasr = try RunSupport.faasr() else { return }
        let server = try GitHubAPIServer(owner: "octo", repo: "flows", token: Self.token)
        try await server.start()
        let dir = try temporaryFolder()
        let path = dir + "/wf.json"
        try """
        {"WorkflowName": "demo", "FunctionInvoke": "start", "DefaultDataStore": "S3", "FaaSrLog": "FaaSrLog",
         "ComputeServers": {"GH": {"FaaSType": "GitHubActions", "UserName": "octo", "ActionRepoName": "flows", "Branch": "main", "UseSecretStore": true}},
         "DataStores": {"S3": {"Endpoint": "http://127.0.0.1:9", "Bucket": "b", "Region": "us-east-1", "Writable": "TRUE"}},
         "ActionList": {"start": {"FunctionName": "f0", "FaaSServer": "GH", "Type": "Python", "InvokeNext": []}},
         "ActionContainers": {"start": "ghcr.io/faasr/github-actions-python:1.0"}}
        """.write(toFile: path, atomically: true, encoding: .utf8)
        // The designer's `faasr`, with the GitHub API and the other secrets in its environment:
        // only S3_SecretKey is missing, so the push succeeds only with the typed value.
        let wrapper = dir + "/faasr-env"
        try """
        #!/bin/sh
        export FAASR_GITHUB_API=\(server.baseURL) GH_PAT=\(Self.token) S3_AccessKey=AKIATYPEDTEST
        exec \(faasr) "$@"
        """.write(toFile: wrapper, atomically: true, encoding: .utf8)
        chmod(wrapper, 0o755)
        let secret = "typed-S3-secret-5f2e9"
        let state = try EffectRunner.startState(path: path, size: Size(width: 120, height: 32), glyphs: .unicode)
        let term = WatchingTerminal(FakeTerminal(size: Size(width: 120, height: 32), script: [
            .key(.char(":")), .type("secrets set S3_SecretKey"), .key(.enter), .waitFor("Value of S3_SecretKey", seconds: 10),
            .type(secret), .waitFor(String(repeating: "•", count: secret.count), seconds: 10), .key(.enter),
            .waitFor("S3_SecretKey created", seconds: 180), .key(.char("m")), .waitFor("Messages", seconds: 10),
        ]), secret: secret)
        let program = Program(state: state, terminal: term, timing: .nonBlocking, faasr: wrapper)
        await program.run()
        await server.stop()
        for f in term.inner.failures { Issue.record(Comment(rawValue: f)) }
        // GitHub keeps secret names in upper case.
        #expect(server.state.secrets["S3_SECRETKEY"] == secret, "\(server.state.secrets.keys.sorted()) \(program.state.messages)")
        #expect(server.state.secrets["GH_PAT"] == Self.token)
        #expect(term.maskedFrames > 0, "the field showed dots")
        #expect(term.leaks.isEmpty, "a frame showed the typed value")
        #expect(!program.state.messages.joined().contains(secret) && !(program.state.toast ?? "").contains(secret))
        #expect(!"\(program.state)".contains(secret))
        #expect(server.problems == [], "every request matches github-rest-excerpt.json")
    }
}
#endif
