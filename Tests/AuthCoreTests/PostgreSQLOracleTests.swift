import XCTest
@testable import AuthCore

/// The same comparisons as the SQLite suites, on the same seeded data built in PostgreSQL by
/// Django's real migrations: every figure, every accounts query and every user page must equal
/// what Django's ORM computed on that PostgreSQL database (PostgreSQL's collation and UPPER()
/// make some searches and orders differ from SQLite; the ORM on PostgreSQL is the truth here).
final class PostgreSQLOracleTests: XCTestCase {
    func testDashboardFiguresEqualDjangoORM() throws {
        let server = try PostgreSQLTestServer.require()
        for name in Fixtures.names {
            try OracleComparison.assertStats(try server.store(name), try server.expected(name), name)
        }
    }

    func testEveryAccountQueryEqualsDjangoPaginator() throws {
        let server = try PostgreSQLTestServer.require()
        var checked = 0
        for name in ["default", "custom"] {
            checked += try OracleComparison.assertAccountQueries(try server.store(name), try server.expected(name), name)
        }
        XCTAssertGreaterThan(checked, 100)
    }

    /// next()/previous() keyset pages visit exactly the OFFSET pages, for every sort, under
    /// PostgreSQL's collation (the row comparison and ORDER BY must agree on it).
    func testKeysetPagesEqualOffsetPagesForEverySort() throws {
        let server = try PostgreSQLTestServer.require()
        for name in ["default", "custom"] {
            let store = try server.store(name)
            for field in AccountSortField.allCases where store.schema.userTable.has(field.rawValue) || ![.username, .email].contains(field) {
                for descending in [false, true] {
                    for filter in [AccountFilter(), AccountFilter(search: "a")] {
                        try OracleComparison.assertKeysetEqualsOffset(
                            try store.accounts(filter: filter, sort: AccountSort(field: field, descending: descending), pageSize: 7),
                            "\(name) \(field) desc=\(descending) search=\(filter.search ?? "-")")
                    }
                }
            }
        }
    }

    /// The export stream (one statement) is the pages one after the other, for every sort.
    func testStreamedRowsEqualThePages() throws {
        let store = try PostgreSQLTestServer.require().store("default")
        for field in AccountSortField.allCases {
            for filter in [AccountFilter(), AccountFilter(search: "git", provider: "github")] {
                let pager = try store.accounts(filter: filter, sort: AccountSort(field: field, descending: true), pageSize: 50)
                var streamed: [Int64] = []
                try pager.forEachRow { streamed.append($0.id); return true }
                var paged: [Int64] = []
                var n = 1
                while true {
                    let page = try pager.page(n)
                    paged += page.rows.map(\.id)
                    guard page.hasNext else { break }
                    n += 1
                }
                XCTAssertEqual(streamed, paged, "\(field) \(filter)")
                XCTAssertEqual(streamed.count, try pager.count())
            }
        }
    }

    func testUsersEqualDjangoORM() throws {
        let server = try PostgreSQLTestServer.require()
        var checked = 0
        for name in Fixtures.names {
            checked += try OracleComparison.assertUsers(try server.store(name), try server.expected(name), name)
        }
        XCTAssertGreaterThan(checked, 30)
    }

    func testLookupByIdUsernameAndEmail() throws {
        let store = try PostgreSQLTestServer.require().store("default")
        XCTAssertEqual(try store.findUser(UserLookup("1")), 1)
        XCTAssertEqual(try store.findUser(UserLookup("admin")), 1)
        XCTAssertEqual(try store.findUser(UserLookup("ADMIN@example.com")), 1)
        XCTAssertEqual(thrownMessage { _ = try store.findUser(UserLookup("nobody-at-all")) }?.hasPrefix("no user matches username nobody-at-all"), true)
        // Past int4: the id column is integer, the argument int8; no match rather than an error.
        XCTAssertEqual(thrownMessage { _ = try store.findUser(UserLookup("99999999999")) }?.hasPrefix("no user matches id 99999999999"), true)
        XCTAssertEqual(thrownMessage { _ = try store.findUser(.id(Int64.max)) }?.hasPrefix("no user matches id"), true)
    }

    func testSearchTreatsWildcardsAndQuotesAsText() throws {
        let store = try PostgreSQLTestServer.require().store("default")
        for literal in ["%", "_", "\\"] {
            let rows = try store.accounts(filter: AccountFilter(search: literal), pageSize: 1000).page(1).rows
            XCTAssertFalse(rows.isEmpty, literal)
            for r in rows {
                XCTAssertTrue([r.username, r.email, r.uid].contains { $0?.contains(literal) == true }, "\(literal) in row \(r.id)")
            }
        }
        let injection = "'); DELETE FROM auth_user; --"
        XCTAssertEqual(try store.accounts(filter: AccountFilter(search: injection)).count(), 0)
        XCTAssertEqual(try store.stats(now: .now()).totalUsers, 342)
    }
}
