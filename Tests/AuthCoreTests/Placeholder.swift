import XCTest
final class PlaceholderAuthCoreTests: XCTestCase { func testBuilds() { XCTAssertTrue(true) } }
