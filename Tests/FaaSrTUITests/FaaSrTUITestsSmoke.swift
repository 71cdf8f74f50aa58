import Testing
@testable import FaaSrTUI

@Test func moduleLinks() {
    #expect(!FaaSrTUIModule.name.isEmpty)
}
