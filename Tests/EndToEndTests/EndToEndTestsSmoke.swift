import Testing
@testable import FaaSrCore
import FaaSrTestSupport

@Test func moduleLinks() {
    #expect(!FaaSrCoreModule.name.isEmpty)
}

@Test func sharedFolderPresentUnderCI() throws {
    // Under CI=true a missing ../shared is a failure, never a silent skip.
    guard try SharedFixtures.require() else { return }
    #expect(SharedFixtures.corpusFiles().count >= 400)
}
