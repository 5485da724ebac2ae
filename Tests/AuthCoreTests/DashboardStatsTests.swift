import XCTest
@testable import AuthCore

/// Every dashboard figure against what Django's ORM computed on the same database.
final class DashboardStatsTests: XCTestCase {
    func testFiguresEqualDjangoORM() throws {
        for name in Fixtures.names {
            try OracleComparison.assertStats(try Fixtures.store(name), try Fixtures.expected(name), name)
        }
    }

    func testStaffIsUnavailableWithoutTheColumnAndSaysWhy() throws {
        let store = try Fixtures.store("custom")
        XCTAssertEqual(store.schema.userTable.name, "people_person")
        XCTAssertNil(try store.stats(now: .now()).staff)
        XCTAssertTrue(store.schema.limitations.contains { $0.contains("no is_staff column") })
        XCTAssertTrue(store.schema.limitations.contains { $0.contains("no username column") })
    }

    func testNowMovesTheSevenDayWindow() throws {
        let expected = try Fixtures.expected("default")
        let now = try Fixtures.now(expected)
        let store = try Fixtures.store("default")
        let atNow = try store.stats(now: now, days: 30)
        let later = try store.stats(now: now.adding(days: 400), days: 30)
        XCTAssertEqual(later.new7d, 0)
        XCTAssertGreaterThan(atNow.new7d ?? 0, 0)
        XCTAssertEqual(later.signupsPerDay.reduce(0) { $0 + $1.count }, 0)
    }
}
