import Testing
@testable import FaaSrCore

/// One minimal workflow per reference rule.
@Suite("Reference rules")
struct ReferenceRuleTests {
    typealias F = ValidationFixtures

    func refs(_ w: JSONValue) -> [Diagnostic] {
        F.all.validate(w).filter { $0.code.hasPrefix("ref.") }
    }

    @Test func minimalWorkflowHasNoReferenceFindings() {
        #expect(refs(F.minimal).isEmpty)
    }

    @Test func actionsMustRunOnAKnownServer() throws {
        let ds = refs(F.minimal(setting: "/ActionList/finish/FaaSServer", to: "gh"))
        let d = try #require(ds.first)
        #expect(ds.map(\.code) == ["ref.compute-server"])
        #expect(d.severity == .error)
        #expect(d.pointer == "/ActionList/finish/FaaSServer")
        #expect(d.message == "action \"finish\" runs on \"gh\", but there is no compute server of that name")
        #expect(d.hint == "did you mean \"GH\"?")
    }

    @Test(arguments: ["DefaultDataStore", "LoggingDataStore"])
    func dataStoresMustExist(_ key: String) throws {
        let ds = refs(F.minimal(setting: JSONPointer(tokens: [key]), to: "My_S3_Bucket"))
        let d = try #require(ds.first)
        #expect(ds.map(\.code) == ["ref.data-store"])
        #expect(d.pointer == JSONPointer(tokens: [key]))
        #expect(d.message == "\"\(key)\" names \"My_S3_Bucket\", but there is no data store of that name")
        #expect(d.hint == "use one of the data stores: \"S3\"")
        // An absent or null LoggingDataStore falls back to the default store.
        #expect(refs(F.minimal(setting: "/LoggingDataStore", to: .null)).isEmpty)
        #expect(refs(F.minimal(setting: "/LoggingDataStore", to: nil)).isEmpty)
    }

    @Test func containersForNoActionAreWarnings() throws {
        let w = F.minimal(setting: "/ActionContainers", to: ["start": "img:1", "strat": "img:2", "old": "img:3"])
        let ds = refs(w)
        #expect(ds.map(\.code) == ["ref.unused-container", "ref.unused-container"])
        #expect(ds.allSatisfy { $0.severity == .warning })
        #expect(Set(ds.map(\.pointer)) == ["/ActionContainers/strat", "/ActionContainers/old"])
        #expect(ds.first { $0.pointer == "/ActionContainers/strat" }?.hint == "did you mean \"start\"?")
    }

    @Test(arguments: ["FunctionGitRepo", "FunctionCRANPackage", "FunctionGitHubPackage", "PyPIPackageDownloads",
                      "FunctionLocalFile", "PythonPackageGitHub", "PythonCondaPackage"])
    func codeAndPackageEntriesForNoFunctionAreWarnings(_ key: String) throws {
        // Keyed by FunctionName: "start_fn" matches; the action name "start" does not.
        let w = F.minimal(setting: JSONPointer(tokens: [key]), to: ["start_fn": "x", "start": "y"])
        let ds = refs(w)
        #expect(ds.map(\.code) == ["ref.unused-function-entry"])
        #expect(ds[0].pointer == JSONPointer(tokens: [key, "start"]))
        #expect(ds[0].message == "\"\(key)\" has an entry for \"start\", but no action has that FunctionName")
    }

    @Test func inlineCredentialsAreWarningsThatNeverShowTheValue() throws {
        var w = F.minimal(setting: "/ComputeServers/GH/Token", to: "ghp_secretvalue123")
        w.setValue("AKIAEXAMPLE", at: "/DataStores/S3/AccessKey")
        w.setValue("", at: "/DataStores/S3/SecretKey")  // empty: nothing leaked
        let ds = refs(w)
        #expect(ds.map(\.code) == ["ref.inline-credential", "ref.inline-credential"])
        #expect(ds.allSatisfy { $0.severity == .warning })
        #expect(ds[0].pointer == "/ComputeServers/GH/Token")
        #expect(ds[0].hint == "delete the field and store the value as the secret GH_PAT (see `faasr secrets`)")
        #expect(ds[1].hint?.contains("S3_AccessKey") == true)
        let all = F.all.validate(w)
        #expect(!all.contains { $0.message.contains("ghp_secretvalue123") || ($0.hint ?? "").contains("ghp_secretvalue123") })
        #expect(!all.contains { $0.message.contains("AKIAEXAMPLE") || ($0.hint ?? "").contains("AKIAEXAMPLE") })
    }

    @Test func serversNoActionUsesAreWarnings() throws {
        let w = F.minimal(setting: "/ComputeServers/AWS", to: ["FaaSType": "Lambda", "Region": "us-east-1"])
        let ds = refs(w)
        #expect(ds.map(\.code) == ["ref.unused-server"])
        #expect(ds[0].pointer == "/ComputeServers/AWS")
        #expect(ds[0].message == "compute server \"AWS\" is not used by any action")
    }
}
