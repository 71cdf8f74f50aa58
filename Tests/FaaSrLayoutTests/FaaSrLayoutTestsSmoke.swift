import Testing
@testable import FaaSrLayout

@Test func moduleLinks() {
    #expect(!FaaSrLayoutModule.name.isEmpty)
}
