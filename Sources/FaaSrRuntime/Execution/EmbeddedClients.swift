/// The function API files (`clients/`, a link to `Sources/FaaSrRuntime/Resources/clients`),
/// compiled into the binary as SwiftPM resources (`.embedInCode`): no Bundle and no file
/// beside the executable is needed, so `faasr` alone in a container image can install them.
enum EmbeddedClients {
    /// Each file, by path relative to `clients/`, with its exact bytes.
    static let files: [(path: String, bytes: [UInt8])] = [
        ("R/faasr_client.R", PackageResources.faasr_client_R),
        ("R/faasr_entry.R", PackageResources.faasr_entry_R),
        ("python/FaaSr_py/__init__.py", PackageResources.__init___py),
        ("python/FaaSr_py/entry.py", PackageResources.entry_py),
    ]
}
