import XCTest

final class UserCommandTests: XCTestCase {
    func testJSONEqualsDjangoORM() throws {
        for name in ["default", "custom"] {
            for want in try CLI.expected(name)["users"] as? [[String: Any]] ?? [] {
                let id = try XCTUnwrap(want["id"] as? Int)
                let r = try CLI.run(["--db", CLI.db(name), "user", String(id), "--format", "json"])
                XCTAssertEqual(r.status, 0, r.stderr)
                let got = try CLI.json(r)
                for key in ["username", "email", "is_active", "is_staff", "is_superuser", "date_joined", "last_login", "groups", "permissions"] {
                    XCTAssertEqual(got[key] as? NSObject, want[key] as? NSObject, "\(name) \(id) \(key)")
                }
                XCTAssertEqual((got["emails"] as? NSArray), want["emails"] as? NSArray, "\(name) \(id)")
            }
        }
    }

    func testLookupByUsernameAndEmailAndTextOutput() throws {
        let byName = try CLI.run(["--db", CLI.db("default"), "user", "admin"])
        XCTAssertEqual(byName.status, 0, byName.stderr)
        XCTAssertTrue(byName.stdout.hasPrefix("id               1\nusername         admin\n"), byName.stdout)
        XCTAssertTrue(byName.stdout.contains("Permissions ("), byName.stdout)
        let byEmail = try CLI.run(["--db", CLI.db("default"), "user", "Admin@Example.com", "--format", "json"])
        XCTAssertEqual(try CLI.json(byEmail)["id"] as? Int, 1)
    }

    func testNeverShowsPasswordsOrTokens() throws {
        for who in ["1", "47", "153"] {
            let r = try CLI.run(["--db", CLI.db("default"), "user", who, "--format", "json"])
            XCTAssertFalse(r.stdout.contains("CANARY"), who)
            XCTAssertFalse(r.stdout.contains("pbkdf2"), who)
        }
    }

    func testUnknownUser() throws {
        let r = try CLI.run(["--db", CLI.db("default"), "user", "nobody-here"])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "authconsole: no user matches username nobody-here: give an id, a username or an email (see `authconsole accounts --search`)\n")
    }
}
