// swift-tools-version: 6.1
// Benchmarks live in their own package so the test build never compiles them and they always
// run optimised: `swift run -c release --package-path Benchmarks <CoreBench|LayoutBench|...>`.
import PackageDescription

/// `FAASR_LIGHT=1` (as for the main package) leaves out the benches of the network modules,
/// which the light build of FaaSr does not have.
let light = Context.environment["FAASR_LIGHT"] == "1"

var targets: [Target] = [
    .executableTarget(name: "CoreBench", dependencies: [.product(name: "FaaSrCore", package: "FaaSr")]),
    .executableTarget(name: "LayoutBench", dependencies: [
        .product(name: "FaaSrCore", package: "FaaSr"), .product(name: "FaaSrLayout", package: "FaaSr"),
    ]),
    // Drives the `faasr` executable (FAASR_BIN) and watches its process tree: no library needed.
    .executableTarget(name: "FanOutBench"),
    .executableTarget(name: "TUIBench", dependencies: [
        .product(name: "FaaSrCore", package: "FaaSr"), .product(name: "FaaSrTUI", package: "FaaSr"),
    ]),
]
if !light {
    targets += [
        .executableTarget(name: "StorageBench", dependencies: [.product(name: "FaaSrStorage", package: "FaaSr")]),
        .executableTarget(name: "RuntimeBench", dependencies: [
            .product(name: "FaaSrCore", package: "FaaSr"), .product(name: "FaaSrStorage", package: "FaaSr"),
            .product(name: "FaaSrRuntime", package: "FaaSr"),
        ]),
    ]
}

let package = Package(
    name: "FaaSrBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "FaaSr", path: "..")],
    targets: targets
)
