import AuthCore
import XCTest
@testable import ConsoleUI

/// The status bar keeps a long error's end ("try again", the fix) on screen, whatever the width
/// and however long the database path.
final class StatusBarTests: XCTestCase {
    override func setUp() { TestLocale.useUTF8() }

    func testALongErrorKeepsItsEnd() throws {
        let path = "/srv/www/example-production-site/shared/data/db.sqlite3"
        let message = "\(path) is locked by a writer and stayed locked past the busy timeout (5 s): try again"
        for width in [80, 100, 120] {
            let h = try Harness(size: TerminalSize(width: width, height: 24))
            h.send(.report(message, isError: true))
            let status = h.screen.line(23)
            XCTAssertTrue(status.contains("timeout (5 s): try again"), "\(width): \(status)")
            XCTAssertTrue(status.contains("/srv/www"), "the start is kept too (\(width)): \(status)")
            XCTAssertTrue(status.hasSuffix(" ready "), "the idle marker stays (\(width)): \(status)")
            XCTAssertFalse(status.contains("query "), "the query time makes room (\(width)): \(status)")
        }
    }

    func testAShortMessageIsWhole() throws {
        let h = try Harness()
        h.send(.report("exported 308 rows to a.csv (CSV)", isError: false))
        XCTAssertTrue(h.screen.line(23).contains("exported 308 rows to a.csv (CSV)"))
    }

    func testMiddleKeepsBothEnds() {
        XCTAssertEqual(Format.middle("abcdefghijklmnopqrstuvwxyz", width: 10, ellipsis: "…"), "abc…uvwxyz")
        XCTAssertEqual(Format.middle("short", width: 10, ellipsis: "…"), "short")
    }
}
