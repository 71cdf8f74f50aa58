import FaaSrCore
import FaaSrPlatformAPI

/// Which implementation runs each FaaSType. One line per platform; a FaaSType without one
/// is refused with a message naming the types this build supports.
public enum PlatformCatalog {
    /// The FaaSTypes this build can register, invoke and trigger.
    public static var supportedTypes: [String] { builders.map(\.type) }

    private static let builders: [(type: String, make: @Sendable (PlatformContext) throws -> any ComputePlatform)] = [
        (FaaSType.slurm.rawValue, { try SLURMPlatform(context: $0) }),
        (FaaSType.gitHubActions.rawValue, { try GitHubActionsPlatform(context: $0) }),
        (FaaSType.lambda.rawValue, { try LambdaPlatform(context: $0) }),
        (FaaSType.openWhisk.rawValue, { try OpenWhiskPlatform(context: $0) }),
        (FaaSType.kubernetes.rawValue, { try KubernetesPlatform(context: $0) }),
        (FaaSType.googleCloud.rawValue, { try GoogleCloudPlatform(context: $0) }),
    ]

    /// The platform for one compute server (its `FaaSType` decides).
    public static func platform(for context: PlatformContext) throws -> any ComputePlatform {
        let type = context.server["FaaSType"]?.stringValue ?? ""
        guard let builder = builders.first(where: { $0.type == type }) else {
            throw PlatformError(serverName: context.serverName, request: "FaaSType \(type.isEmpty ? "(none)" : type)",
                                message: "this build cannot deploy to FaaSType '\(type)'; supported: \(supportedTypes.joined(separator: ", "))")
        }
        return try builder.make(context)
    }
}
