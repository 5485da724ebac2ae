import XCTest
final class PlaceholderConsoleUITests: XCTestCase { func testBuilds() { XCTAssertTrue(true) } }
