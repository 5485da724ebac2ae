import XCTest
@testable import AuthCore

/// The accounts table against Django's ORM + Paginator, and keyset paging against OFFSET paging.
final class AccountQueryTests: XCTestCase {
    func testEveryOracleQueryReturnsTheSameRowsInTheSameOrder() throws {
        var checked = 0
        for name in ["default", "custom"] {
            checked += try OracleComparison.assertAccountQueries(try Fixtures.store(name), try Fixtures.expected(name), name)
        }
        XCTAssertGreaterThan(checked, 100)
    }

    func testKeysetPagesEqualOffsetPagesForEverySort() throws {
        let store = try Fixtures.store("default")
        for field in AccountSortField.allCases {
            for descending in [false, true] {
                try OracleComparison.assertKeysetEqualsOffset(
                    try store.accounts(sort: AccountSort(field: field, descending: descending), pageSize: 7), "\(field) desc=\(descending)")
            }
        }
    }

    func testSearchMatchesWildcardsLiterally() throws {
        let store = try Fixtures.store("default")
        for literal in ["%", "_", "\\"] {
            let rows = try store.accounts(filter: AccountFilter(search: literal), pageSize: 1000).page(1).rows
            XCTAssertFalse(rows.isEmpty, literal)
            for r in rows {
                XCTAssertTrue([r.username, r.email, r.uid].contains { $0?.contains(literal) == true }, "\(literal) in row \(r.id)")
            }
        }
    }

    func testSortingByUsernameWithoutTheColumnIsAClearError() throws {
        let store = try Fixtures.store("custom")
        XCTAssertThrowsError(try store.accounts(sort: AccountSort(field: .username, descending: false))) { error in
            XCTAssertEqual((error as? UserFacingError)?.message, "sorting by username needs the username column, and people_person has none (custom user model)")
        }
    }

    func testAccountsWithoutAllauthIsAClearError() throws {
        XCTAssertThrowsError(try Fixtures.store("noallauth").accounts()) { error in
            XCTAssertTrue((error as? UserFacingError)?.message.contains("no django-allauth tables") == true)
        }
    }

    func testPatternEscaping() {
        XCTAssertEqual(SQLDialect.sqlite.containsPattern("50%_a\\b"), "%50\\%\\_a\\\\b%")
        XCTAssertEqual(SQLDialect.postgres.placeholder(3), "$3")
        XCTAssertEqual(SQLDialect.sqlite.quote("we\"ird"), "\"we\"\"ird\"")
    }
}

extension AccountQueryTests {
    /// The export stream (one statement) gives exactly the rows, in the order, that walking the
    /// keyset pages gives: every sort both ways, with LIKE's special characters, accents, the NUL
    /// uid and provider filters, on both fixtures.
    func testStreamEqualsTheKeysetPages() throws {
        let filters: [AccountFilter] = [
            AccountFilter(), AccountFilter(search: "a"), AccountFilter(search: "GIT"), AccountFilter(search: "%"),
            AccountFilter(search: "_"), AccountFilter(search: "\\"), AccountFilter(search: "é"), AccountFilter(search: "nul"),
            AccountFilter(search: "\u{1B}"), AccountFilter(search: "no such text"), AccountFilter(provider: "github"),
            AccountFilter(provider: "keycloak"), AccountFilter(search: "example", provider: "google"),
        ]
        for fixture in ["default", "custom"] {
            let store = try Fixtures.store(fixture)
            for field in AccountSortField.allCases where !(field == .username && store.schema.userTable.username == nil) {
                for descending in [false, true] {
                    for filter in filters {
                        let pager = try store.accounts(filter: filter, sort: AccountSort(field: field, descending: descending), pageSize: 7)
                        var paged: [AccountRow] = []
                        var page = try pager.page(1)
                        paged += page.rows
                        while page.hasNext { page = try pager.next(after: page); paged += page.rows }
                        var streamed: [AccountRow] = []
                        try pager.forEachRow { streamed.append($0); return true }
                        XCTAssertEqual(streamed, paged, "\(fixture) \(field) desc=\(descending) \(filter)")
                    }
                }
            }
        }
    }
}
