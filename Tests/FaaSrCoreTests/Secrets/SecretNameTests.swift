import Testing
@testable import FaaSrCore

@Suite("Secret names")
struct SecretNameTests {
    @Test func derivesNamesPerServerStoreAndVM() throws {
        let wf = try ModelFixtures.workflow()
        #expect(wf.secretNames == [
            "GH_PAT", "AWS_AccessKey", "AWS_SecretKey", "S3_AccessKey", "S3_SecretKey",
            "VM_AccessKey", "VM_SecretKey", "MY_KEY",
        ])
        let gh = wf.requiredSecrets.filter { $0.owner == .computeServer("GH", .gitHubActions) }
        #expect(gh.map(\.name) == ["GH_PAT"])
        #expect(gh.first?.field == "Token")
        // The fixture's store is anonymous ("Anonymous": "True").
        #expect(wf.requiredSecrets.first { $0.name == "S3_AccessKey" }?.isOptional == true)
    }

    @Test(arguments: [
        (FaaSType.gitHubActions, ["X_PAT"]), (.lambda, ["X_AccessKey", "X_SecretKey"]),
        (.googleCloud, ["X_SecretKey"]), (.slurm, ["X_Token"]), (.openWhisk, ["X_APIkey"]),
        (.kubernetes, ["X_Token"]),
    ])
    func namesForEachFaaSType(type: FaaSType, names: [String]) throws {
        var wf = Workflow(root: [:])
        try wf.addComputeServer("X", type: type)
        try wf.addAction("a", functionName: "f", faasServer: "X")
        let server = wf.requiredSecrets.filter { if case .computeServer = $0.owner { true } else { false } }
        #expect(server.map(\.name) == names)
        #expect(server.allSatisfy { !$0.isOptional })
    }

    @Test func unusedServersAndUnknownTypes() throws {
        let wf = try Workflow(text: #"{"ComputeServers": {"A": {"FaaSType": "Lambda"}, "B": {"FaaSType": "Nope"}}}"#)
        let names = wf.requiredSecrets.map(\.name)
        #expect(names == ["GH_PAT", "A_AccessKey", "A_SecretKey"])
        #expect(wf.requiredSecrets[1].isOptional)
    }

    @Test func sharedNamesAreListedOnce() throws {
        let wf = try Workflow(text: #"{"ActionList": {"a": {"FaaSServer": "AWS"}}, "ComputeServers": {"AWS": {"FaaSType": "Lambda"}}, "DataStores": {"AWS": {"Bucket": "b"}}}"#)
        #expect(wf.requiredSecrets.count == 5)
        #expect(wf.secretNames == ["GH_PAT", "AWS_AccessKey", "AWS_SecretKey"])
    }

    @Test func findsInlineCredentialsWithoutValues() throws {
        let wf = try Workflow(text: #"{"ComputeServers": {"G": {"FaaSType": "GitHubActions", "Token": "ghp_x"}}, "DataStores": {"S": {"Bucket": "b", "AccessKey": "", "SecretKey": "k"}}}"#)
        #expect(wf.inlineCredentialPointers == ["/ComputeServers/G/Token", "/DataStores/S/SecretKey"])
    }
}
