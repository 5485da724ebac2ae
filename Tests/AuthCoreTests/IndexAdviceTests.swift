import XCTest
@testable import AuthCore

final class IndexAdviceTests: XCTestCase {
    /// doctor's index advice: given on a site large enough without the index, with SQL that
    /// creates an index the check then finds; none on a small site.
    func testSuggestsTheDateJoinedIndexUntilItExists() throws {
        let dir = try Fixtures.temporaryFolder()
        let now = try XCTUnwrap(UTCDateTime(iso8601: "2026-06-15T12:00:00Z"))
        let path = dir + "/big.sqlite3"
        try DemoDatabase(users: 15_000, seed: 5, now: now).write(to: path, overwrite: false)
        let findings = try IndexAdvice.findings(store: AuthStore(connection: SQLiteConnection(path: path)))
        XCTAssertEqual(findings.map(\.code), ["index-socialaccount-date-joined"])
        XCTAssertEqual(findings.first?.severity, .info)
        let message = try XCTUnwrap(findings.first?.message)
        XCTAssertNotNil(message.range(of: #"the first page took \d+ ms here"#, options: .regularExpression), message)
        XCTAssertTrue(message.contains("all 11457 accounts"), "the site's own account count: \(message)")
        XCTAssertTrue(message.contains(IndexAdvice.consoleWithoutIndex(.sqlite)), message)
        XCTAssertFalse(IndexAdvice.consoleWithoutIndex(.postgres).contains("order"), "the console keeps no order of ids on PostgreSQL")
        let sql = IndexAdvice.createDateJoinedIndex(.sqlite)
        XCTAssertTrue(findings.first?.fix.hasSuffix(sql) ?? false)

        do {  // a writable handle to the test's own copy, closed at the end of this scope
            let writer = try SQLiteWriter(creating: path)
            try writer.execute(sql)
        }
        XCTAssertEqual(try IndexAdvice.findings(store: AuthStore(connection: SQLiteConnection(path: path))), [])

        let small = dir + "/small.sqlite3"
        try DemoDatabase(users: 2_000, seed: 5, now: now).write(to: small, overwrite: false)
        XCTAssertEqual(try IndexAdvice.findings(store: AuthStore(connection: SQLiteConnection(path: small))), [])
    }
}
