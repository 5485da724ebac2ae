import Foundation
import XCTest
@testable import AuthCore

/// On PostgreSQL the export reads each row in place from libpq's result (`forEachRawRow`); every
/// line must be exactly what the decoded row gives (`CSVWriter.line(row.csvCells)`), hostile text
/// and every sort included.
final class PostgreSQLExportTests: XCTestCase {
    func testEveryFixtureRowIsTheSameLineAsDecoded() throws {
        let server = try PostgreSQLTestServer.require()
        for fixture in ["default", "custom"] {
            let store = try server.store(fixture)
            var checked = 0
            for filter in [AccountFilter(), AccountFilter(search: "\u{1B}"), AccountFilter(provider: "github")] {
                for field in AccountSortField.allCases {
                    // The custom user model has no username: that sort does not exist there.
                    guard let pager = try? store.accounts(filter: filter, sort: AccountSort(field: field, descending: field == .date_joined)) else { continue }
                    var decoded: [String] = []
                    try pager.forEachRow { decoded.append(CSVWriter.line($0.csvCells)); return true }
                    var fast: [String] = []
                    try pager.forEachCSVLine { fast.append(String(decoding: $0, as: UTF8.self)); return true }
                    XCTAssertEqual(fast, decoded, "\(fixture) \(filter) \(field)")
                    checked += fast.count
                }
            }
            XCTAssertGreaterThan(checked, 100, fixture)
        }
    }

    /// Stopping early still leaves the connection usable (the rest is read out or cancelled).
    func testStoppingEarlyLeavesTheConnectionUsable() throws {
        let server = try PostgreSQLTestServer.require()
        let store = try server.store("default")
        var seen = 0
        try store.accounts().forEachCSVLine { _ in seen += 1; return seen < 3 }
        XCTAssertEqual(seen, 3)
        XCTAssertGreaterThan(try store.accounts().count(), 3)
    }
}
