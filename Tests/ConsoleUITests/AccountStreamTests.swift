import AuthCore
import XCTest
@testable import ConsoleUI

/// The export's one-statement stream must give exactly the rows, in exactly the order, that
/// AuthCore's pager gives for the same view: every sort both ways, with searches (including
/// LIKE's special characters, accents and the NUL uid) and provider filters, on the real
/// fixtures.
final class AccountStreamTests: XCTestCase {
    func testStreamMatchesThePagerRowForRow() throws {
        let filters: [AccountFilter] = [
            AccountFilter(), AccountFilter(search: "a"), AccountFilter(search: "GIT"), AccountFilter(search: "%"),
            AccountFilter(search: "_"), AccountFilter(search: "\\"), AccountFilter(search: "é"), AccountFilter(search: "nul"),
            AccountFilter(search: "\u{1B}"), AccountFilter(search: "no such text"), AccountFilter(provider: "github"),
            AccountFilter(provider: "keycloak"), AccountFilter(search: "example", provider: "google"),
        ]
        for fixture in ["default", "custom"] {
            let store = try Fixtures.store(fixture)
            for field in AccountSortField.allCases {
                if field == .username && store.schema.userTable.username == nil { continue }
                for descending in [false, true] {
                    let sort = AccountSort(field: field, descending: descending)
                    for filter in filters {
                        var expected: [Int64] = []
                        try store.accounts(filter: filter, sort: sort, pageSize: 7).forEachRow { expected.append($0.id); return true }
                        var streamed: [AccountStream.Row] = []
                        try AccountStream.forEach(store, filter: filter, sort: sort) { streamed.append($0); return true }
                        XCTAssertEqual(streamed.map(\.id), expected, "\(fixture) \(sort) \(filter)")
                    }
                }
            }
        }
    }

    func testStreamCarriesTheSameValuesAsThePager() throws {
        let store = try Fixtures.store("default")
        var pager: [AccountRow] = []
        try store.accounts(pageSize: 50).forEachRow { pager.append($0); return true }
        var streamed: [AccountStream.Row] = []
        try AccountStream.forEach(store, filter: AccountFilter(), sort: .default) { streamed.append($0); return true }
        XCTAssertEqual(streamed.count, 308)
        for (a, b) in zip(pager, streamed) {
            XCTAssertEqual([String(a.id), String(a.userID), a.username, a.email, a.provider, a.uid, a.dateJoined?.iso8601, a.lastLogin?.iso8601],
                           ExportRow.csvCells(b))
        }
    }

    func testSortingByAMissingColumnIsAnError() throws {
        let store = try Fixtures.store("custom")
        XCTAssertThrowsError(try AccountStream.statement(store, filter: AccountFilter(), sort: AccountSort(field: .username, descending: false)))
    }
}
