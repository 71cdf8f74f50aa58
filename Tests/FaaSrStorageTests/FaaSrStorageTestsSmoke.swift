import Testing
@testable import FaaSrStorage

@Test func moduleLinks() {
    #expect(!FaaSrStorageModule.name.isEmpty)
}
