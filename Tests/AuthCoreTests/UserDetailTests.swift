import XCTest
@testable import AuthCore

/// User pages against the ORM: fields, groups, `get_all_permissions()`, accounts, emails.
final class UserDetailTests: XCTestCase {
    func testUsersEqualDjangoORM() throws {
        var checked = 0
        for name in ["default", "custom", "noallauth"] {
            let store = try Fixtures.store(name)
            for want in try Fixtures.expected(name).list("users") {
                let id = Int64(try XCTUnwrap(want.int("id")))
                let u = try store.user(id: id)
                let label = "\(name) user \(id)"
                XCTAssertEqual(u.username, want.string("username"), label)
                XCTAssertEqual(u.email, want.string("email"), label)
                XCTAssertEqual(u.isActive, want["is_active"] as? Bool, label)
                XCTAssertEqual(u.isStaff, want["is_staff"] as? Bool, label)
                XCTAssertEqual(u.isSuperuser, want["is_superuser"] as? Bool, label)
                XCTAssertEqual(u.dateJoined?.iso8601, want.string("date_joined"), label)
                XCTAssertEqual(u.lastLogin?.iso8601, want.string("last_login"), label)
                XCTAssertEqual(u.groups, want["groups"] as? [String], label)
                XCTAssertEqual(u.permissions, want["permissions"] as? [String], label)
                let accounts = want.list("social_accounts")
                XCTAssertEqual(u.accounts.map { Int($0.id) }, accounts.compactMap { $0.int("id") }, label)
                XCTAssertEqual(u.accounts.map(\.provider), accounts.compactMap { $0.string("provider") }, label)
                XCTAssertEqual(u.accounts.map(\.uid), accounts.compactMap { $0.string("uid") }, label)
                XCTAssertEqual(u.accounts.map { $0.dateJoined?.iso8601 }, accounts.map { $0.string("date_joined") }, label)
                XCTAssertEqual(u.accounts.map { $0.lastLogin?.iso8601 }, accounts.map { $0.string("last_login") }, label)
                let emails = want.list("emails")
                XCTAssertEqual(u.emails.map(\.email), emails.compactMap { $0.string("email") }, label)
                XCTAssertEqual(u.emails.map(\.verified), emails.compactMap { $0["verified"] as? Bool }, label)
                XCTAssertEqual(u.emails.map(\.primary), emails.compactMap { $0["primary"] as? Bool }, label)
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 30)
    }

    func testLookupByIdUsernameAndEmail() throws {
        let store = try Fixtures.store("default")
        XCTAssertEqual(try store.findUser(UserLookup("1")), 1)
        XCTAssertEqual(try store.findUser(UserLookup("admin")), 1)
        XCTAssertEqual(try store.findUser(UserLookup("ADMIN@example.com")), 1)
        XCTAssertThrowsError(try store.findUser(UserLookup("nobody-at-all"))) { error in
            XCTAssertTrue((error as? UserFacingError)?.message.hasPrefix("no user matches username nobody-at-all") == true)
        }
    }

    func testPasswordHashIsNeverReadOut() throws {
        let u = try Fixtures.store("default").user(id: 1)
        XCTAssertFalse(u.otherFields.contains { $0.name == "password" })
    }

    func testExtraDataSummaryIsBoundedAndHonest() {
        XCTAssertEqual(ExtraDataSummary(json: "{\"login\": \"octo\", \"id\": 7}").summary, "object, 2 keys, 26 B: login=octo id=7")
        XCTAssertEqual(ExtraDataSummary(json: "[1, 2]").shape, .array(count: 2))
        XCTAssertEqual(ExtraDataSummary(json: "\"x\"").shape, .string)
        XCTAssertEqual(ExtraDataSummary(json: "null").shape, .null)
        XCTAssertEqual(ExtraDataSummary(json: "{bad").shape, .invalid)
        XCTAssertEqual(ExtraDataSummary(json: String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)).shape, .tooDeep)
        XCTAssertEqual(ExtraDataSummary(json: "\"" + String(repeating: "a", count: 2 << 20) + "\"").shape, .tooLarge)
    }
}
