import FaaSrCore
import FaaSrPlatformTestSupport
import FaaSrPlatforms
import Testing
import Yams

@Suite struct GitHubWorkflowYAMLTests {
    func parsed(_ text: String) throws -> Node {
        try #require(try Yams.compose(yaml: text))
    }

    @Test func actionFileHasFaaSrInputsImageAndEnv() throws {
        let wf = GitHubFixtures.workflow()
        let text = try GitHubWorkflowYAML.actionFile(workflow: wf, action: "sum", server: "GH")
        #expect(text.hasPrefix("# faasr: workflow=demo server=GH action=sum"))
        let root = try parsed(text)
        #expect(YAMLPath.child(root, "name")?.string == "demo-sum")
        let inputs = try #require(YAMLPath.child(YAMLPath.child(YAMLPath.child(root, "on"), "workflow_dispatch"), "inputs"))
        #expect(inputs.mapping?.map(\.key.string) == ["OVERWRITTEN", "PAYLOAD_URL"])
        #expect(YAMLPath.child(YAMLPath.child(inputs, "OVERWRITTEN"), "required")?.bool == true)
        #expect(YAMLPath.child(YAMLPath.child(inputs, "PAYLOAD_URL"), "description")?.string == "URL to payload")
        let job = try #require(YAMLPath.child(YAMLPath.child(root, "jobs"), "run_docker_image"))
        #expect(YAMLPath.child(job, "runs-on")?.string == "ubuntu-latest")
        #expect(YAMLPath.child(job, "container")?.string == "ghcr.io/faasr/github-actions-python:latest")
        let env = try #require(YAMLPath.child(job, "env")?.mapping)
        // FaaSr's order: GH_PAT, per server, per store, user secrets, then the two inputs.
        #expect(env.map(\.key.string) == ["GH_PAT", "GH_PAT", "SL_Token", "S3_AccessKey", "S3_SecretKey", "MY_API_KEY", "OVERWRITTEN", "PAYLOAD_URL"].uniqued())
        #expect(YAMLPath.child(job, "env").flatMap { YAMLPath.child($0, "SL_Token") }?.string == "${{ secrets.SL_Token }}")
        #expect(YAMLPath.child(job, "env").flatMap { YAMLPath.child($0, "OVERWRITTEN") }?.string == "${{ github.event.inputs.OVERWRITTEN }}")
        let step = try #require(YAMLPath.child(job, "steps")?.sequence?.first)
        #expect(YAMLPath.child(step, "run")?.string == "cd /action\npython3 faasr_entry.py\n")
    }

    @Test func imageComesFromActionContainersOrTheTypeDefault() throws {
        let wf = GitHubFixtures.workflow(actions: ["start", "plot"], containers: ["start": "ghcr.io/me/custom:1.0"])
        let start = try parsed(try GitHubWorkflowYAML.actionFile(workflow: wf, action: "start", server: "GH"))
        let plot = try parsed(try GitHubWorkflowYAML.actionFile(workflow: wf, action: "plot", server: "GH"))
        let container = { (n: Node) in YAMLPath.child(YAMLPath.child(YAMLPath.child(n, "jobs"), "run_docker_image"), "container")?.string }
        #expect(container(start) == "ghcr.io/me/custom:1.0")
        #expect(container(plot) == "ghcr.io/faasr/github-actions-r:latest")
    }

    @Test func requiresVMRunsOnASelfHostedRunner() throws {
        let wf = GitHubFixtures.workflow(vm: ["sum"])
        let root = try parsed(try GitHubWorkflowYAML.actionFile(workflow: wf, action: "sum", server: "GH"))
        let job = YAMLPath.child(YAMLPath.child(root, "jobs"), "run_on_vm")
        #expect(YAMLPath.child(job, "runs-on")?.string == "self-hosted")
    }

    @Test func timerFileIsScheduledAndCarriesNoSecrets() throws {
        let text = try GitHubWorkflowYAML.timerFile(workflowName: "demo", server: "GH", cron: "*/15 * * * *", target: "demo-start",
                                                    branch: "main", overwritten: JSONObject([.init(key: "FunctionInvoke", value: "start")]), payloadURL: "octo/flows/main/demo.json")
        let root = try parsed(text)
        let on = YAMLPath.child(root, "on")
        #expect(YAMLPath.child(YAMLPath.child(on, "schedule")?.sequence?.first, "cron")?.string == "*/15 * * * *")
        #expect(YAMLPath.child(on, "workflow_dispatch") != nil)
        let env = YAMLPath.child(YAMLPath.child(YAMLPath.child(root, "jobs"), "timer"), "env")
        #expect(YAMLPath.child(env, "OVERWRITTEN")?.string == #"{"FunctionInvoke":"start"}"#)
        #expect(throws: GitHubWorkflowYAML.Failure.self) {
            try GitHubWorkflowYAML.timerFile(workflowName: "demo", server: "GH", cron: "* * * *", target: "demo-start",
                                             branch: "main", overwritten: JSONObject(), payloadURL: "x")
        }
        let leaky = JSONObject([.init(key: "ComputeServers", value: ["GH": ["Token": "secret"]])])
        #expect(throws: GitHubWorkflowYAML.Failure.self) {
            try GitHubWorkflowYAML.timerFile(workflowName: "demo", server: "GH", cron: "0 * * * *", target: "demo-start",
                                             branch: "main", overwritten: leaky, payloadURL: "x")
        }
    }

    @Test func valuesYAMLWouldMisreadAreQuoted() throws {
        let wf = GitHubFixtures.workflow(containers: ["start": "yes"])
        let yaml = try GitHubWorkflowYAML.actionFile(workflow: wf, action: "start", server: "GH")
        let root = try parsed(yaml)
        func text(of _: Node) -> String { yaml }
        let container = YAMLPath.child(YAMLPath.child(YAMLPath.child(root, "jobs"), "run_docker_image"), "container")
        #expect(container?.string == "yes")
        #expect(text(of: root).contains("container: 'yes'"))
    }

    @Test func unknownFaaSTypeOrBadSecretNameStops() throws {
        var text = GitHubFixtures.workflow().serializedCanonical()
        text = text.replacingOccurrences(of: "\"SLURM\"", with: "\"Nomad\"")
        #expect(throws: GitHubWorkflowYAML.Failure.self) {
            try GitHubWorkflowYAML.actionFile(workflow: try Workflow(text: text), action: "start", server: "GH")
        }
        #expect(!GitHubWorkflowYAML.isValidSecretName("GITHUB_TOKEN"))
        #expect(!GitHubWorkflowYAML.isValidSecretName("my-server_PAT"))
        #expect(GitHubWorkflowYAML.isValidSecretName("S3_AccessKey"))
    }
}

extension Array where Element: Hashable {
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
