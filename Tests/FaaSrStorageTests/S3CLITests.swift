import Foundation
import Testing
import FaaSrStorage
import FaaSrTestSupport

extension FaasrExecutable {
    /// `faasr ARGS` in `directory` with only PATH, LANG and `environment`: no store
    /// secrets inherited from the test process.
    static func isolatedRun(_ arguments: [String], in directory: URL, environment: [String: String]) throws
        -> (status: Int32, out: String, err: String) {
        try run(arguments, in: directory, environment: environment, inheritEnvironment: false)
    }
}

/// `faasr s3 ls|get|put|rm` end to end: the real binary against moto, with credentials in
/// the secret variables FaaSr derives from the store name.
@Suite struct S3CLITests {
    /// A folder with a workflow whose data store `Bucket1` is the test server (no keys in the
    /// file, as in real workflows) and a second store `Other`.
    func workspace(_ s3: TestS3Server) throws -> URL {
        let dir = try makeScratchFolder("cli")
        let workflow = """
        {
          "FunctionInvoke": "start",
          "DefaultDataStore": "Other",
          "DataStores": {
            "Bucket1": {"Endpoint": "\(s3.endpoint)", "Bucket": "\(s3.bucket)", "Region": "\(s3.region)", "Writable": "TRUE"},
            "Other": {"Endpoint": "\(s3.endpoint)", "Bucket": "\(s3.bucket)", "Region": "\(s3.region)", "Writable": "TRUE"}
          },
          "ActionList": {"start": {"FunctionName": "start", "FaaSServer": "GH", "Type": "Python"}},
          "ComputeServers": {"GH": {"FaaSType": "GitHubActions", "UserName": "u", "ActionRepoName": "r", "Branch": "main"}}
        }
        """
        try workflow.write(to: dir.appendingPathComponent("wf.json"), atomically: true, encoding: .utf8)
        return dir
    }

    func secrets(_ s3: TestS3Server, secret: String? = nil) -> [String: String] {
        ["Bucket1_AccessKey": s3.accessKey, "Bucket1_SecretKey": secret ?? s3.secretKey,
         "Other_AccessKey": s3.accessKey, "Other_SecretKey": s3.secretKey]
    }

    @Test func putListGetRemoveRoundTrip() async throws {
        guard let s3 = try TestS3Server.require(), try FaasrExecutable.require() != nil else { return }
        let dir = try workspace(s3)
        defer { try? FileManager.default.removeItem(at: dir) }
        let base = TestS3Server.uniquePrefix("cli")
        try makeTestFile(at: dir.appendingPathComponent("data.bin"), size: 3 * 1024 * 1024 + 1, seed: 3)
        try "small".write(to: dir.appendingPathComponent("source-note.txt"), atomically: true, encoding: .utf8)
        let env = secrets(s3)
        func faasr(_ args: [String]) throws -> (status: Int32, out: String, err: String) {
            try FaasrExecutable.isolatedRun(["s3"] + args + ["--workflow", "wf.json", "--store", "Bucket1"], in: dir, environment: env)
        }

        var r = try faasr(["put", "data.bin", base + "in/data.bin"])
        #expect(r.status == 0, "\(r.err)")
        r = try faasr(["put", "source-note.txt", base + "in/sub/note.txt"])
        #expect(r.status == 0, "\(r.err)")

        r = try faasr(["ls", base])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.split(separator: "\n").map(String.init) == [base + "in/data.bin", base + "in/sub/note.txt"])
        r = try faasr(["ls", base + "in/", "--delimiter", "/", "-l"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("PRE " + base + "in/sub/"))
        #expect(r.out.contains(" 3145729  " + base + "in/data.bin"))

        r = try faasr(["get", base + "in/data.bin", "back.bin"])
        #expect(r.status == 0, "\(r.err)")
        #expect(try sha256OfFile(dir.appendingPathComponent("back.bin")) == (try sha256OfFile(dir.appendingPathComponent("data.bin"))))
        r = try faasr(["get", base + "in/sub/note.txt"]) // to the key's last component
        #expect(r.status == 0, "\(r.err)")
        #expect(try String(contentsOf: dir.appendingPathComponent("note.txt"), encoding: .utf8) == "small")

        r = try faasr(["rm", base + "in/data.bin", base + "in/sub/note.txt"])
        #expect(r.status == 0, "\(r.err)")
        r = try faasr(["ls", base])
        #expect(r.status == 0 && r.out.isEmpty, "\(r.out)\(r.err)")
        // The objects are really gone from the server.
        #expect(try await s3.client().list(prefix: base).keys.isEmpty)
    }

    @Test func aMissingObjectFailsWithoutLeavingAFile() throws {
        guard let s3 = try TestS3Server.require(), try FaasrExecutable.require() != nil else { return }
        let dir = try workspace(s3)
        defer { try? FileManager.default.removeItem(at: dir) }
        let key = TestS3Server.uniquePrefix("cli") + "nothing.bin"
        let r = try FaasrExecutable.isolatedRun(["s3", "get", "--workflow", "wf.json", "--store", "Bucket1", key, "out.bin"],
                                        in: dir, environment: secrets(s3))
        #expect(r.status != 0)
        #expect(r.err.contains(key), "\(r.err)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["wf.json"])
    }

    @Test func anUnknownStoreNameIsAClearError() throws {
        guard let s3 = try TestS3Server.require(), try FaasrExecutable.require() != nil else { return }
        let dir = try workspace(s3)
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try FaasrExecutable.isolatedRun(["s3", "ls", "--workflow", "wf.json", "--store", "Bucket2"], in: dir, environment: secrets(s3))
        #expect(r.status != 0)
        #expect(r.err.contains("Bucket2"), "\(r.err)")
        #expect(r.err.contains("Bucket1") && r.err.contains("Other"), "the message should list the stores: \(r.err)")
        #expect(r.out.isEmpty)
    }

    @Test func aWrongSecretIsAClearErrorAndNeverPrinted() throws {
        guard let s3 = try TestS3Server.require(), try FaasrExecutable.require() != nil else { return }
        let dir = try workspace(s3)
        defer { try? FileManager.default.removeItem(at: dir) }
        let wrong = "wrong-secret-\(UUID().uuidString)"
        let r = try FaasrExecutable.isolatedRun(["s3", "ls", "--workflow", "wf.json", "--store", "Bucket1"], in: dir,
                                        environment: secrets(s3, secret: wrong))
        #expect(r.status != 0)
        #expect(r.err.contains("SignatureDoesNotMatch"), "\(r.err)")
        #expect(r.err.contains("Bucket1_SecretKey"), "the message should say which secret to check: \(r.err)")
        #expect(!r.err.contains(wrong) && !r.out.contains(wrong))
        #expect(!r.err.contains(s3.secretKey))
    }

    @Test func missingSecretsNameTheVariablesToSet() throws {
        guard let s3 = try TestS3Server.require(), try FaasrExecutable.require() != nil else { return }
        let dir = try workspace(s3)
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try FaasrExecutable.isolatedRun(["s3", "ls", "--workflow", "wf.json", "--store", "Bucket1"], in: dir, environment: [:])
        #expect(r.status != 0)
        #expect(r.err.contains("Bucket1_AccessKey") && r.err.contains("Bucket1_SecretKey"), "\(r.err)")
    }
}
