import Testing
@testable import FaaSrCore

@Test func moduleLinks() {
    #expect(!FaaSrCoreModule.name.isEmpty)
}
