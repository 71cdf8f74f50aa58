// swift-tools-version: 6.1
// FaaSr for Swift: one package, thin executables over pure, tested libraries.
// Module map and the reasons behind it: docs/decisions.md.
import PackageDescription

/// `FAASR_LIGHT=1 swift build|test` leaves out the network modules (storage, platforms,
/// runtime) and their heavy dependencies, so work on the core, layout and designer builds
/// in about a minute instead of eight. CI and releases always build everything.
let light = Context.environment["FAASR_LIGHT"] == "1"

var dependencies: [Package.Dependency] = [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
]
var targets: [Target] = [
    // MARK: Libraries (pure)
    // Generic, not FaaSr: lossless JSON, the JSON Schema engine, UTC time, the atomic writer.
    .target(name: "FaaSrBase"),
    // The official FaaSr schemas, compiled in as bytes from their files (`PackageResources.*`).
    .target(
        name: "FaaSrCore", dependencies: ["FaaSrBase"],
        resources: [
            .embedInCode("Resources/schema/FaaSr.schema.json"),
            .embedInCode("Resources/schema/FaaSr-1.x.schema.json"),
        ]),
    .target(name: "TUIKit"),
    .target(name: "FaaSrLayout", dependencies: ["FaaSrCore", "TUIKit"]),
    // The only C in the package: ncursesw shim + terminal-restoring signal handler.
    .target(name: "CNCursesW", linkerSettings: [.linkedLibrary("ncursesw")]),
    .target(name: "NCursesBackend", dependencies: ["CNCursesW", "TUIKit"]),
    // The `:new` templates, compiled in from their files (samples/templates links there);
    // empty.json is the sample of the template built in code.
    .target(
        name: "FaaSrTUI", dependencies: ["FaaSrCore", "FaaSrLayout", "TUIKit"],
        exclude: ["Resources/templates/empty.json"],
        resources: [
            .embedInCode("Resources/templates/tutorial.json"),
            .embedInCode("Resources/templates/diamond.json"),
            .embedInCode("Resources/templates/conditional.json"),
        ]),
    // The platform protocol (and Trigger), below both the platforms and the runtime; pure.
    .target(name: "FaaSrPlatformAPI", dependencies: ["FaaSrCore"]),
    // Shared by test targets only: locating ../shared, the corpus, the local S3 server, and
    // the test doubles (Doubles/: a recording and a refusing Trigger, a scripted Terminal).
    .target(name: "FaaSrTestSupport", dependencies: ["FaaSrCore", "FaaSrPlatformAPI", "TUIKit"]),

    // MARK: Executables (thin)
    .executableTarget(
        name: "faasr-tui",
        dependencies: [
            "FaaSrCore", "FaaSrTUI", "TUIKit", "NCursesBackend",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

    // MARK: Tests (Swift Testing)
    .testTarget(
        name: "FaaSrCoreTests",
        dependencies: [
            "FaaSrCore", "FaaSrTestSupport",
            .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
    .testTarget(name: "FaaSrLayoutTests", dependencies: ["FaaSrLayout", "FaaSrTestSupport"]),
    .testTarget(name: "TUIKitTests", dependencies: ["TUIKit"]),
    .testTarget(name: "FaaSrTUITests", dependencies: ["FaaSrTUI", "FaaSrTestSupport"]),
    .testTarget(name: "EndToEndTests", dependencies: ["FaaSrCore", "FaaSrTestSupport"]),
]
var cliDependencies: [Target.Dependency] = [
    "FaaSrCore", "FaaSrLayout",
    .product(name: "ArgumentParser", package: "swift-argument-parser"),
]

if !light {
    dependencies += [
        .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.20.0"),
        // Already in the graph through async-http-client; named because FaaSrStorage uses
        // ByteBuffer and HTTP types directly.
        .package(url: "https://github.com/apple/swift-nio", from: "2.60.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        // GitHub Actions workflow files are written (and, in tests, read back) as YAML.
        .package(url: "https://github.com/jpsim/Yams", "5.0.1"..<"7.0.0"),
    ]
    targets += [
        .target(
            name: "FaaSrStorage",
            dependencies: [
                "FaaSrBase",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]),
        // libsodium (Debian libsodium-dev) for GitHub's sealed-box secrets: a module map, no C of ours.
        .systemLibrary(name: "CSodium", pkgConfig: "libsodium", providers: [.apt(["libsodium-dev"])]),
        .target(
            name: "FaaSrPlatforms",
            dependencies: [
                "FaaSrCore", "FaaSrStorage", "FaaSrPlatformAPI", "CSodium",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
                // RSA (RS256) for Google service-account tokens.
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]),
        // The control plane behind register, invoke, status, logs and timer (docs/decisions.md).
        .target(name: "FaaSrControl", dependencies: ["FaaSrCore", "FaaSrStorage", "FaaSrPlatformAPI", "FaaSrPlatforms", "FaaSrRuntime"]),
        .target(
            name: "FaaSrRuntime",
            dependencies: [
                "FaaSrCore", "FaaSrStorage", "FaaSrPlatformAPI",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // The function API, compiled in as bytes (`PackageResources.*`, no Bundle): the
            // binary installs it into each action's folder, in any container image.
            resources: [
                .embedInCode("Resources/clients/R/faasr_client.R"),
                .embedInCode("Resources/clients/R/faasr_entry.R"),
                .embedInCode("Resources/clients/python/FaaSr_py/__init__.py"),
                .embedInCode("Resources/clients/python/FaaSr_py/entry.py"),
            ]),
        // AsyncHTTPClient directly: the presigned-URL tests use it as a plain HTTP client.
        .testTarget(
            name: "FaaSrStorageTests",
            dependencies: [
                "FaaSrStorage", "FaaSrTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]),
        // Loopback platform API servers for the platform tests: stateful, and checking every
        // request against the descriptions in ../shared/api.
        .target(
            name: "FaaSrPlatformTestSupport",
            dependencies: [
                "FaaSrCore", "FaaSrTestSupport", "CSodium",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ]),
        .testTarget(
            name: "FaaSrPlatformsTests",
            dependencies: [
                "FaaSrPlatforms", "FaaSrPlatformAPI", "FaaSrPlatformTestSupport", "FaaSrTestSupport",
                "FaaSrCore", "FaaSrStorage", "FaaSrControl", "FaaSrRuntime",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
            ]),
        // FaaSrPlatformTestSupport: the shared LoopbackServer under FunctionFetchTests' GitHub
        // API server. PropertyBased: generated requests against the RPC server.
        .testTarget(name: "FaaSrRuntimeTests", dependencies: [
            "FaaSrRuntime", "FaaSrTestSupport", "FaaSrPlatformTestSupport",
            .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
    ]
    // The platforms and the control plane against the real SLURM cluster and moto that
    // scripts/test starts (scripts/slurm-up, scripts/moto-s3).
    // Subcommands that need the network modules are compiled only when they are present
    // (`#if canImport(FaaSrRuntime)` in Sources/faasr).
    cliDependencies += ["FaaSrStorage", "FaaSrPlatforms", "FaaSrRuntime", "FaaSrControl"]
    // The designer's platform journeys use the loopback platform servers too.
    if let tui = targets.first(where: { $0.name == "FaaSrTUITests" }) { tui.dependencies.append("FaaSrPlatformTestSupport") }
}
targets.append(.executableTarget(name: "faasr", dependencies: cliDependencies))

var products: [Product] = [
    .executable(name: "faasr", targets: ["faasr"]),
    .executable(name: "faasr-tui", targets: ["faasr-tui"]),
    .library(name: "FaaSrCore", targets: ["FaaSrCore"]),
    .library(name: "FaaSrLayout", targets: ["FaaSrLayout"]),
    .library(name: "FaaSrTUI", targets: ["FaaSrTUI"]),
]
if !light {
    products += [
        .library(name: "FaaSrStorage", targets: ["FaaSrStorage"]),
        .library(name: "FaaSrRuntime", targets: ["FaaSrRuntime"]),
    ]
}

let package = Package(
    name: "FaaSr",
    platforms: [.macOS(.v14)],
    products: products,
    dependencies: dependencies,
    targets: targets
)
