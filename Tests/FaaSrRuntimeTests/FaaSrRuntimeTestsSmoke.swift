import Testing
@testable import FaaSrRuntime

@Test func moduleLinks() {
    #expect(!FaaSrRuntimeModule.name.isEmpty)
}
