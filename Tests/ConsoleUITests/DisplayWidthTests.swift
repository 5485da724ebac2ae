import XCTest
@testable import ConsoleUI
#if canImport(Glibc)
import Glibc
#endif

final class DisplayWidthTests: XCTestCase {
    override func setUp() {
        // wcwidth follows LC_CTYPE; the console sets it from the environment at start.
        setlocale(LC_CTYPE, "C.UTF-8")
    }

    func testWideCombiningAndPlainText() {
        XCTAssertEqual(DisplayWidth.of("abc"), 3)
        XCTAssertEqual(DisplayWidth.of("山田太郎"), 8)
        XCTAssertEqual(DisplayWidth.of("e\u{301}"), 1)
        XCTAssertEqual(DisplayWidth.of("␛[2J"), 4)
    }

    func testTruncateNeverSplitsAWideCharacter() {
        XCTAssertEqual(DisplayWidth.truncate("山田太郎", to: 5), "山田…")
        XCTAssertEqual(DisplayWidth.of(DisplayWidth.truncate("山田太郎", to: 5)), 5)
        XCTAssertEqual(DisplayWidth.truncate(String(repeating: "x", count: 150), to: 10), "xxxxxxxxx…")
        XCTAssertEqual(DisplayWidth.truncate("short", to: 10), "short")
        XCTAssertEqual(DisplayWidth.truncate("re\u{301}sume\u{301}", to: 4), "re\u{301}s…")
    }

    func testFitPadsToExactWidth() {
        XCTAssertEqual(DisplayWidth.fit("山", to: 4), "山  ")
        XCTAssertEqual(DisplayWidth.fit("7", to: 3, alignRight: true), "  7")
    }

    func testSparklineAndPercent() {
        XCTAssertEqual(Sparkline.render([0, 1, 2, 4, 8]), " ▁▂▄█")
        XCTAssertEqual(Sparkline.render([0, 0]), "  ")
        XCTAssertEqual(Sparkline.render([1, 8], ascii: true), "_#")
        XCTAssertEqual(Percent.format(219, of: 342), "64.0%")
        XCTAssertEqual(Percent.format(1, of: 3), "33.3%")
        XCTAssertEqual(Percent.format(0, of: 0), "0.0%")
    }
}
