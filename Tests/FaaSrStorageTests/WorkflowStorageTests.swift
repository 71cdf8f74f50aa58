import FaaSrCore
import Foundation
import Testing
import FaaSrStorage
import FaaSrTestSupport

@Suite struct WorkflowStorageTests {
    static func workflow(_ stores: String, default name: String = "S3") throws -> JSONValue {
        try JSONDocument(text: """
        {"WorkflowName": "wf", "DefaultDataStore": "\(name)", "DataStores": \(stores)}
        """).root
    }

    @Test func credentialsComeFromDerivedSecretNames() throws {
        let json = try Self.workflow(#"{"S3": {"Endpoint": "http://127.0.0.1:9000", "Bucket": "b", "Region": ""}}"#)
        let secrets = ["S3_AccessKey": "AK", "S3_SecretKey": "SK"]
        let storage = try WorkflowStorage(workflow: json, secret: { secrets[$0] })
        let config = try #require(storage.stores["S3"])
        #expect(config.accessKey == "AK" && config.secretKey == "SK")
        #expect(config.region == "us-east-1")
        #expect(storage.loggingStore == "S3")
    }

    @Test func readsFaaSrCoreWorkflow() throws {
        let workflow = try Workflow(text: #"{"DefaultDataStore": "My", "LoggingDataStore": "Logs", "DataStores": {"My": {"Bucket": "b"}, "Logs": {"Bucket": "l", "Anonymous": "true"}}}"#)
        let storage = try WorkflowStorage(workflow: workflow.document.root, secret: { ["My_AccessKey": "a", "My_SecretKey": "s"][$0] })
        #expect(storage.defaultStore == "My" && storage.loggingStore == "Logs")
        #expect(try DataStoreConfig(name: "Logs", json: .object(workflow.dataStore(named: "Logs")!.object)).anonymous)
    }

    @Test func credentialsInTheWorkflowWin() throws {
        let json = try Self.workflow(#"{"S3": {"Bucket": "b", "AccessKey": "inline", "SecretKey": "inline-secret"}}"#)
        let storage = try WorkflowStorage(workflow: json, secret: { _ in "from-secret" })
        #expect(storage.stores["S3"]?.accessKey == "inline")
    }

    @Test func missingCredentialsNameTheSecrets() throws {
        let json = try Self.workflow(#"{"S3": {"Bucket": "b"}}"#)
        #expect {
            _ = try WorkflowStorage(workflow: json, secret: { _ in nil })
        } throws: { error in
            "\(error)".contains("S3_AccessKey") && "\(error)".contains("S3_SecretKey")
        }
    }

    @Test func anonymousIsTheStringTrueInAnyCase() throws {
        let json = try Self.workflow(#"{"S3": {"Bucket": "b", "Anonymous": "TRUE"}, "P": {"Bucket": "c", "Anonymous": "false", "AccessKey": "a", "SecretKey": "s"}}"#)
        let storage = try WorkflowStorage(workflow: json)
        #expect(storage.stores["S3"]?.anonymous == true)
        #expect(storage.stores["P"]?.anonymous == false)
        let creds = try storage.s3Credentials()
        #expect(creds.objectValue?["access_key"]?.isNull == true)
        #expect(creds.objectValue?["endpoint"]?.stringValue == "https://s3.us-east-1.amazonaws.com")
    }

    @Test func badEndpointIsRejected() throws {
        let json = try Self.workflow(#"{"S3": {"Bucket": "b", "Endpoint": "minio:9000", "AccessKey": "a", "SecretKey": "s"}}"#)
        #expect(throws: StorageError.self) { _ = try WorkflowStorage(workflow: json) }
    }

    @Test func unknownStoreNameIsAnError() async throws {
        let root = try makeScratchFolder("wf")
        defer { try? FileManager.default.removeItem(at: root) }
        let json = try Self.workflow(#"{"S3": {"Bucket": "b", "Endpoint": "\#(root.absoluteString)"}}"#)
        let storage = try WorkflowStorage(workflow: json, workingDirectory: root)
        await #expect(throws: StorageError.self) { try await storage.deleteFile(remoteFile: "x", serverName: "Nope") }
    }

    /// The data API over a local-folder store (`file://` endpoint): FaaSr key construction,
    /// local paths, folder listing without folder markers.
    @Test func dataAPIOverALocalFolder() async throws {
        let root = try makeScratchFolder("wf")
        defer { try? FileManager.default.removeItem(at: root) }
        let work = root.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let storeRoot = root.appendingPathComponent("stores")
        let json = try Self.workflow(#"{"S3": {"Bucket": "bucket", "Endpoint": "\#(storeRoot.absoluteString)"}}"#)
        let storage = try WorkflowStorage(workflow: json, workingDirectory: work)
        try Data("a,b\n1,2\n".utf8).write(to: work.appendingPathComponent("in.csv"))
        try await storage.putFile(localFile: "in.csv", remoteFile: "a.csv", remoteFolder: "x//y/")
        try await storage.putFile(localFile: "in.csv", remoteFile: "b.csv", remoteFolder: ".")
        // A folder-marker key names no file: refused (issue 16), so listings never see one.
        await #expect(throws: StorageError.self) { try await storage.store().put("x/y/", data: Data()) }
        #expect(try await storage.folderList(prefix: "x/") == ["x/y/a.csv"])
        #expect(try await storage.folderList().sorted() == ["b.csv", "x/y/a.csv"])
        try FileManager.default.createDirectory(at: work.appendingPathComponent("out"), withIntermediateDirectories: true)
        try await storage.getFile(localFile: "copy.csv", remoteFile: "a.csv", localFolder: "out", remoteFolder: "x/y")
        #expect(try Data(contentsOf: work.appendingPathComponent("out/copy.csv")) == Data("a,b\n1,2\n".utf8))
        try await storage.deleteFile(remoteFile: "a.csv", remoteFolder: "x/y")
        #expect(try await storage.folderList(prefix: "x/") == [])
        // The bucket is a folder inside the endpoint folder.
        #expect(FileManager.default.fileExists(atPath: storeRoot.appendingPathComponent("bucket/b.csv").path))
    }

    @Test func dataAPIOverS3() async throws {
        guard let s3 = try TestS3Server.require() else { return }
        let root = try makeScratchFolder("wf-s3")
        defer { try? FileManager.default.removeItem(at: root) }
        let json = try Self.workflow(#"{"S3": {"Bucket": "\#(s3.bucket)", "Endpoint": "\#(s3.endpoint)", "Region": "\#(s3.region)"}}"#)
        let secrets = ["S3_AccessKey": s3.accessKey, "S3_SecretKey": s3.secretKey]
        let storage = try WorkflowStorage(workflow: json, secret: { secrets[$0] }, workingDirectory: root)
        let folder = TestS3Server.uniquePrefix("api")
        try Data("hello".utf8).write(to: root.appendingPathComponent("h.txt"))
        try await storage.putFile(localFile: "h.txt", remoteFile: "h.txt", remoteFolder: folder)
        #expect(try await storage.folderList(prefix: folder) == [folder + "h.txt"])
        try await storage.getFile(localFile: "back.txt", remoteFile: "h.txt", remoteFolder: folder)
        #expect(try String(contentsOf: root.appendingPathComponent("back.txt"), encoding: .utf8) == "hello")
        try await storage.deleteFile(remoteFile: "h.txt", remoteFolder: folder)
        #expect(try await storage.folderList(prefix: folder).isEmpty)
    }
}
