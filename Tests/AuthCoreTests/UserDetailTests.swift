import XCTest
@testable import AuthCore

/// User pages against the ORM: fields, groups, `get_all_permissions()`, accounts, emails.
final class UserDetailTests: XCTestCase {
    func testUsersEqualDjangoORM() throws {
        var checked = 0
        for name in ["default", "custom", "noallauth"] {
            checked += try OracleComparison.assertUsers(try Fixtures.store(name), try Fixtures.expected(name), name)
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
