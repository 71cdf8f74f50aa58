import Testing
@testable import TUIKit

@Test func moduleLinks() {
    #expect(!TUIKitModule.name.isEmpty)
}
