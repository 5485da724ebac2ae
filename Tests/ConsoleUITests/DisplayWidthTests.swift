import XCTest
@testable import ConsoleUI

final class DisplayWidthTests: XCTestCase {
    override func setUp() { TestLocale.useUTF8() }

    func testWideAndCombining() {
        XCTAssertEqual(DisplayWidth.of("山田"), 4)
        XCTAssertEqual(DisplayWidth.of("e\u{301}"), 1)
        XCTAssertEqual(DisplayWidth.truncate("山田太郎", to: 5), "山田…")
    }
}
