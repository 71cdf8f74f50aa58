import FaaSrCore
import FaaSrPlatformAPI
import FaaSrPlatformTestSupport
import FaaSrPlatforms
import Testing

/// Register (plan + apply) and unregister against the loopback GitHub API server.
@Suite struct GitHubRegisterTests {
    @Test func registerWritesOneFilePerActionAndTheWorkflowThenChangesNothing() async throws {
        try await GitHubFixtures.withServer { server in
            let wf = GitHubFixtures.workflow()
            let platform = try GitHubActionsPlatform(context: GitHubFixtures.context(wf, base: server.baseURL))
            let first = try await GitHubFixtures.register(platform, wf)
            #expect(GitHubFixtures.kinds(first) == [".github/workflows/demo-start.yml": .create,
                                                   ".github/workflows/demo-sum.yml": .create, "demo.json": .create])
            #expect(server.state.paths() == [".github/workflows/demo-start.yml", ".github/workflows/demo-sum.yml", "demo.json"])
            #expect(server.state.file("demo.json") == wf.serializedPreservingLayout())
            let commits = server.state.commits
            let second = try await platform.plan(GitHubFixtures.deployment(wf))
            #expect(second.isEmpty)
            try await platform.apply(second)
            #expect(server.state.commits == commits)
            #expect(server.problems == [])
        }
    }

    @Test func changedActionIsUpdatedWithItsSHAAndRemovedActionDeleted() async throws {
        try await GitHubFixtures.withServer { server in
            let wf = GitHubFixtures.workflow(actions: ["start", "sum", "plot"])
            let platform = try GitHubActionsPlatform(context: GitHubFixtures.context(wf, base: server.baseURL))
            _ = try await GitHubFixtures.register(platform, wf)
            // A file of another workflow, and one a person wrote, must survive.
            server.state.seed(".github/workflows/other-x.yml", "name: other\n")
            server.state.seed(".github/workflows/demo-handmade.yml", "name: mine\n")
            let smaller = GitHubFixtures.workflow(actions: ["start", "sum"], containers: ["sum": "ghcr.io/me/sum:2"])
            let plan = try await GitHubFixtures.register(platform, smaller)
            #expect(GitHubFixtures.kinds(plan) == [".github/workflows/demo-start.yml": .unchanged,
                                                  ".github/workflows/demo-sum.yml": .update, "demo.json": .update,
                                                  ".github/workflows/demo-plot.yml": .delete])
            #expect(server.state.paths() == [".github/workflows/demo-handmade.yml", ".github/workflows/demo-start.yml",
                                             ".github/workflows/demo-sum.yml", ".github/workflows/other-x.yml", "demo.json"])
            #expect(server.state.file(".github/workflows/demo-sum.yml")?.contains("ghcr.io/me/sum:2") == true)
            #expect(try await platform.plan(GitHubFixtures.deployment(smaller)).isEmpty)
            #expect(server.problems == [])
        }
    }

    @Test func failedApplyIsUndoneAndASecondRegisterCompletes() async throws {
        try await GitHubFixtures.withServer { server in
            let wf = GitHubFixtures.workflow()
            let platform = try GitHubActionsPlatform(context: GitHubFixtures.context(wf, base: server.baseURL))
            server.failNext("PUT", pathContains: "demo-sum.yml", status: 422, message: "Validation Failed")
            let error = await #expect(throws: PlatformError.self) { _ = try await GitHubFixtures.register(platform, wf) }
            let text = "\(error!)"
            #expect(text.contains("GH: create .github/workflows/demo-sum.yml"))
            #expect(text.contains("HTTP 422"))
            #expect(text.contains("Validation Failed"))
            #expect(text.contains("Nothing was changed"))
            #expect(server.state.paths() == [])
            _ = try await GitHubFixtures.register(platform, wf)
            #expect(server.state.paths().count == 3)
            #expect(server.problems == [])
        }
    }

    @Test func unregisterDeletesWhatThisServerWrote() async throws {
        try await GitHubFixtures.withServer { server in
            let wf = GitHubFixtures.workflow()
            let platform = try GitHubActionsPlatform(context: GitHubFixtures.context(wf, base: server.baseURL))
            _ = try await GitHubFixtures.register(platform, wf)
            let plan = try await platform.unregisterPlan(GitHubFixtures.deployment(wf))
            #expect(Set(plan.changes.map(\.kind)) == [.delete])
            try await platform.apply(plan)
            #expect(server.state.paths() == ["demo.json"])
            #expect(try await platform.unregisterPlan(GitHubFixtures.deployment(wf)).isEmpty)
            #expect(server.problems == [])
        }
    }

    @Test func missingTokenOrRepositoryFieldsSayWhatToSet() throws {
        let wf = GitHubFixtures.workflow()
        let noToken = #expect(throws: PlatformError.self) {
            _ = try GitHubActionsPlatform(context: GitHubFixtures.context(wf, base: "http://127.0.0.1:1", secrets: [:]))
        }
        #expect("\(noToken!)".contains("GH_PAT"))
        #expect("\(noToken!)".contains(".env"))
        var server = wf.computeServer(named: "GH")!.object
        _ = server.removeValue(forKey: "ActionRepoName")
        let noRepo = #expect(throws: PlatformError.self) {
            _ = try GitHubActionsPlatform(context: PlatformContext(serverName: "GH", server: server, workflowName: "demo",
                                                                   secrets: ["GH_PAT": "x"], environment: [:]))
        }
        #expect("\(noRepo!)".contains("ActionRepoName"))
    }

    @Test func unreachableEndpointNamesItAndChangesNothing() async throws {
        let wf = GitHubFixtures.workflow()
        let platform = try GitHubActionsPlatform(context: GitHubFixtures.context(wf, base: "http://127.0.0.1:9"))
        let error = await #expect(throws: PlatformError.self) { _ = try await platform.plan(GitHubFixtures.deployment(wf)) }
        #expect("\(error!)".contains("http://127.0.0.1:9"))
        #expect("\(error!)".contains("reachable"))
    }

    @Test func wrongTokenGetsA401ThatNamesTheSecret() async throws {
        try await GitHubFixtures.withServer { server in
            let wf = GitHubFixtures.workflow()
            let platform = try GitHubActionsPlatform(context: GitHubFixtures.context(wf, base: server.baseURL, secrets: ["GH_PAT": "wrong"]))
            let error = await #expect(throws: PlatformError.self) { try await platform.checkCredentials() }
            #expect(error?.status == 401)
            #expect("\(error!)".contains("GH_PAT"))
            #expect(!"\(error!)".contains("wrong"))
            let right = try GitHubActionsPlatform(context: GitHubFixtures.context(wf, base: server.baseURL))
            try await right.checkCredentials()
        }
    }
}
