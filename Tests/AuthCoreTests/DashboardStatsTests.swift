import XCTest
@testable import AuthCore

/// Every dashboard figure against what Django's ORM computed on the same database.
final class DashboardStatsTests: XCTestCase {
    func testFiguresEqualDjangoORM() throws {
        for name in Fixtures.names {
            let expected = try Fixtures.expected(name)
            let want = try XCTUnwrap(expected.dict("stats"))
            let stats = try Fixtures.store(name).stats(now: try Fixtures.now(expected), days: 90)
            XCTAssertEqual(stats.totalUsers, want.int("total_users"), name)
            XCTAssertEqual(stats.new7d, want.int("new_7d"), name)
            XCTAssertEqual(stats.staff, want.int("staff"), name)
            XCTAssertEqual(stats.superusers, want.int("superusers"), name)
            XCTAssertEqual(stats.active, want.int("active"), name)
            XCTAssertEqual(stats.oauthUsers, want.int("oauth_users"), name)
            XCTAssertEqual(stats.providersConfigured, want.int("providers_configured"), name)
            for days in [30, 90] {
                let series = want.list("signups_per_day_\(days)").map { "\($0.string("date") ?? "?")=\($0.int("count") ?? -1)" }
                XCTAssertEqual(series.count, days, name)
                XCTAssertEqual(stats.signups(lastDays: days).map { "\($0.date)=\($0.count)" }, series, "\(name) \(days) days")
            }
            let providers = try XCTUnwrap(want.dict("providers"))
            XCTAssertEqual(stats.providers.map(\.id).sorted(), providers.keys.sorted(), name)
            for usage in stats.providers {
                let p = try XCTUnwrap(providers[usage.id] as? [String: Any])
                XCTAssertEqual(usage.accountCount, p.int("account_count"), "\(name) \(usage.id)")
                XCTAssertEqual(usage.activeUsers30d, p.int("active_users_30d"), "\(name) \(usage.id)")
                XCTAssertEqual(usage.providerLogins30d, p.int("provider_logins_30d"), "\(name) \(usage.id)")
                XCTAssertEqual(usage.lastLinked?.iso8601, p.string("last_linked"), "\(name) \(usage.id)")
            }
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
