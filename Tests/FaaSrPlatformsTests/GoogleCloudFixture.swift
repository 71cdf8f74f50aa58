import _CryptoExtras
import FaaSrCore
import FaaSrPlatformAPI
import FaaSrPlatforms
import FaaSrPlatformTestSupport
import FaaSrTestSupport
import Foundation

/// A throwaway service account (a fresh RSA key pair, no network) and a loopback Google
/// server that knows its public key, for the GoogleCloud platform tests.
enum GoogleCloudFixture {
    static let email = "faasr-runner@demo-project.iam.gserviceaccount.com"
    static let project = "demo-project"
    /// One key pair for the whole run (2048-bit generation takes a moment).
    static let key = try! _RSA.Signing.PrivateKey(keySize: .bits2048)
    /// The secret as FaaSr stores it: the PEM private key.
    static var pem: String { key.pkcs8PEMRepresentation }

    static func workflow(name: String = "Demo", maxRuntime: Int = 120, nextCPUs: Int = 2) throws -> Workflow {
        try Workflow(text: """
        {"WorkflowName": "\(name)", "FunctionInvoke": "start",
         "ComputeServers": {"GCP": {"FaaSType": "GoogleCloud", "Namespace": "\(project)", "Region": "us-central1",
                                    "ClientEmail": "\(email)", "MaxMemory": 1024}},
         "ActionList": {"start": {"FunctionName": "f", "FaaSServer": "GCP", "Type": "Python", "MaxRuntime": \(maxRuntime)},
                        "next": {"FunctionName": "g", "FaaSServer": "GCP", "Type": "R",
                                 "Resources": {"CPUsPerTask": \(nextCPUs), "Memory": 2048, "TimeLimit": 600}}},
         "ActionContainers": {"start": "us-docker.pkg.dev/demo-project/faasr/custom-python:1.0"}}
        """)
    }

    /// The server entry pointing at `server`.
    static func entry(_ server: GoogleCloudServer) -> JSONObject {
        var o = JSONObject()
        o["FaaSType"] = "GoogleCloud"
        o["Namespace"] = .string(project)
        o["Region"] = "us-central1"
        o["ClientEmail"] = .string(email)
        o["TokenUri"] = .string(server.tokenURI)
        o["Endpoint"] = .string(server.baseURL + "/v2/projects/")
        return o
    }

    static func platform(_ server: GoogleCloudServer, secret: String = pem) throws -> GoogleCloudPlatform {
        var p = try GoogleCloudPlatform(context: PlatformContext(serverName: "GCP", server: entry(server), workflowName: "Demo",
                                                                 secrets: ["GCP_SecretKey": secret], environment: server.environment))
        p.http.retry = .init(maxAttempts: 3, baseDelay: 0.01, maxDelay: 0.05, maxTotal: 60)
        p.http.readTimeout = 15
        p.http.connectTimeout = 5
        p.pollInterval = 0.01
        return p
    }

    /// Runs `body` against a started server, stopping it afterwards.
    static func withServer(_ body: (GoogleCloudServer) async throws -> Void) async throws {
        guard try SharedFixtures.require() else { return }
        // Tokens are cached per token endpoint (each server has its own port): no sharing between tests.
        let server = try GoogleCloudServer(project: project, accounts: [email: key.publicKey])
        try await server.start()
        do { try await body(server) } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    static func request(_ action: String = "start") -> TriggerRequest {
        var overwritten = JSONObject()
        overwritten["FunctionInvoke"] = .string(action)
        overwritten["InvocationID"] = "5b7a4c1e-0000-4000-8000-000000000001"
        return TriggerRequest(action: action, rank: nil, serverName: "GCP", server: JSONObject(), overwritten: overwritten,
                              payloadURL: "octo/flows/main/demo.json", functionName: "Demo-\(action)")
    }
}
