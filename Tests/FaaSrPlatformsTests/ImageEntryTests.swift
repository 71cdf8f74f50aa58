import FaaSrCore
import FaaSrPlatformTestSupport
import FaaSrRuntime
import FaaSrTestSupport
import Foundation
import Testing

/// The action images (scripts/images) run for real with podman, host network (moto and the
/// loopback servers on 127.0.0.1): the Lambda contract against the loopback Runtime API, the
/// OpenWhisk proxy (/init, two /run), and the env form of GitHub Actions, Cloud Run, SLURM and
/// Kubernetes in both images. Runs when scripts/test built the images (FAASR_TEST_IMAGES=TAG).
@Suite(.serialized) struct ImageEntryTests {
    /// `localhost/faasr-swift-LANG:TAG`, or nil when the suite is off. Under CI, a gate set
    /// with an image missing is an error.
    static func image(_ language: String) throws -> String? {
        guard let tag = ProcessInfo.processInfo.environment["FAASR_TEST_IMAGES"], !tag.isEmpty else { return nil }
        let name = "localhost/faasr-swift-\(language):\(tag)"
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/podman")
        probe.arguments = ["image", "exists", name]
        probe.standardInput = FileHandle.nullDevice
        probe.standardOutput = FileHandle.nullDevice
        probe.standardError = FileHandle.nullDevice
        try probe.run()
        probe.waitUntilExit()
        if probe.terminationStatus != 0 {
            if SharedFixtures.isCI { throw MissingImage(name: name) }
            return nil
        }
        return name
    }

    struct MissingImage: Error, CustomStringConvertible {
        let name: String
        var description: String { "FAASR_TEST_IMAGES is set but \(name) does not exist: build it with scripts/images" }
    }

    /// `podman run` of `image` with the fixture's folder mounted at the same path, `env` passed
    /// by name (values stay out of the command line), output to files.
    func container(_ f: EntryFixture, _ image: String, _ env: [String: String], name: String) throws -> EntryChild {
        var environment = f.environment.merging(env) { $1 }
        environment["FAASR_WORK_ROOT"] = nil
        var args = ["run", "--rm", "--name", name, "--network", "host", "-v", "\(f.dir.path):\(f.dir.path)"]
        for key in environment.keys.sorted() where !["PATH", "LANG"].contains(key) { args += ["-e", key] }
        args.append(image)
        if let conf = ProcessInfo.processInfo.environment["CONTAINERS_CONF"] { environment["CONTAINERS_CONF"] = conf }
        return try EntryChild(URL(fileURLWithPath: "/usr/bin/podman"), args, environment: environment, in: f.dir)
    }

    /// `podman rm -f NAME`, waited for with a limit.
    func remove(_ name: String) async {
        guard let rm = try? EntryChild(URL(fileURLWithPath: "/usr/bin/podman"), ["rm", "-f", "-t", "2", name],
                                       environment: ProcessInfo.processInfo.environment, in: FileManager.default.temporaryDirectory) else { return }
        _ = await rm.wait(tries: 120)
    }

    @Test func lambdaContractInThePythonImage() async throws {
        guard let image = try Self.image("python"), let f = try EntryFixture.make("image-lambda") else { return }
        let api = try LambdaRuntimeServer(events: [f.lambdaEvent("hello"), f.lambdaEvent("hello"), f.lambdaEvent("broken")])
        try await api.start()
        defer { Task { await api.stop() } }
        let name = "faasr-test-lambda-\(UUID().uuidString.prefix(8))"
        let child = try container(f, image, ["AWS_LAMBDA_RUNTIME_API": api.address], name: name)
        let status = await child.wait()
        await remove(name)
        #expect(status == 1, "the runtime exits when the API answers 500 after the events: \(child.output)")
        #expect(api.problems == [])
        let posted = api.posted
        #expect(posted.map(\.kind) == ["response", "response", "error"], "\(posted) \(child.output)")
        #expect(Set(posted.prefix(2).compactMap { $0.body?["invocationID"]?.stringValue }).count == 2)
        #expect(posted.last?.errorType == "Function.ActionFailed" && posted.last?.body?["errorMessage"]?.stringValue?.contains("broken fails on purpose") == true, "\(posted)")
        #expect(try await f.keys().contains("\(f.log)/out/hello.txt"))
    }

    @Test func openWhiskContractInThePythonImage() async throws {
        guard let image = try Self.image("python"), let f = try EntryFixture.make("image-ow") else { return }
        let port = freeLoopbackPort()
        let name = "faasr-test-ow-\(UUID().uuidString.prefix(8))"
        let child = try container(f, image, ["__OW_API_HOST": "https://ow.invalid", "FAASR_PROXY_PORT": "\(port)"], name: name)
        let base = "http://127.0.0.1:\(port)"
        var initReply: (status: Int, body: JSONValue?)?
        for _ in 0..<240 where initReply == nil {
            initReply = await postJSON("\(base)/init", #"{"value": {"name": "entry-hello", "main": "main", "binary": false}}"#)
            if initReply == nil { try await Task.sleep(nanoseconds: 250_000_000) }
        }
        let context = #""namespace": "guest", "action_name": "/guest/entry-hello", "activation_id": "a1", "deadline": "\#(Int(Date().timeIntervalSince1970 * 1000) + 600_000)""#
        let first = await postJSON("\(base)/run", "{\"value\": \(f.openWhiskParameters("hello")), \(context)}")
        let second = await postJSON("\(base)/run", "{\"value\": \(f.openWhiskParameters("hello")), \(context)}")
        await remove(name)
        _ = await child.wait(tries: 60)
        #expect(initReply?.status == 200, "\(child.output)")
        #expect(first?.status == 200 && first?.body?["kind"]?.stringValue == "succeeded", "\(String(describing: first)) \(child.output)")
        #expect(second?.status == 200 && second?.body?["kind"]?.stringValue == "succeeded", "a second /run in the same container: \(String(describing: second))")
        #expect(child.output.contains(OpenWhiskProxy.sentinel))
    }

    @Test func envFormInBothImages() async throws {
        guard let python = try Self.image("python"), let r = try Self.image("r"), let f = try EntryFixture.make("image-env") else { return }
        for (image, action, key) in [(python, "hello", "hello.txt"), (r, "hello-r", "hello-r.txt")] {
            let name = "faasr-test-env-\(UUID().uuidString.prefix(8))"
            let child = try container(f, image, ["PAYLOAD_URL": f.workflow(action)], name: name)
            let status = await child.wait()
            await remove(name)
            #expect(status == 0, "\(image): \(child.output)")
            #expect(try await f.keys().contains("\(f.log)/out/\(key)"), "\(image) ran \(action)")
        }
        let name = "faasr-test-env-\(UUID().uuidString.prefix(8))"
        let failing = try container(f, python, ["PAYLOAD_URL": f.workflow("broken")], name: name)
        let status = await failing.wait()
        await remove(name)
        #expect(status == 1, "a failing action fails the container: \(failing.output)")
    }
}
