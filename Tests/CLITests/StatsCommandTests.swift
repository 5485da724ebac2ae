import XCTest

final class StatsCommandTests: XCTestCase {
    func testJSONEqualsDjangoORM() throws {
        for name in ["default", "custom", "noallauth"] {
            let expected = try CLI.expected(name)
            let want = try XCTUnwrap(expected["stats"] as? [String: Any])
            let r = try CLI.run(["--db", CLI.db(name), "stats", "--format", "json", "--now", try XCTUnwrap(expected["now"] as? String)])
            XCTAssertEqual(r.status, 0, r.stderr)
            let got = try CLI.json(r)
            for key in ["total_users", "new_7d", "staff", "superusers", "active", "oauth_users", "providers_configured"] {
                XCTAssertEqual(got[key] as? NSObject, want[key] as? NSObject, "\(name) \(key)")
            }
            XCTAssertTrue(got["providers_installed"] is NSNull)
            XCTAssertEqual(got["now"] as? String, expected["now"] as? String)
            XCTAssertEqual(got["signups_per_day"] as? NSArray, want["signups_per_day_30"] as? NSArray, name)
            XCTAssertEqual(got["providers"] as? NSDictionary, want["providers"] as? NSDictionary, name)
        }
    }

    func testJSONKeysAreInTheDocumentedOrder() throws {
        let r = try CLI.run(["stats", "--db", CLI.db("default"), "--format=json", "--now=2026-06-15T12:00:00Z"])
        let keys = r.stdout.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map { $0.split(separator: "\"")[1] }
        XCTAssertEqual(keys, ["total_users", "new_7d", "staff", "superusers", "active", "oauth_users", "providers_installed",
                              "providers_configured", "now", "signups_per_day", "providers"])
    }

    func testNinetyDays() throws {
        let expected = try CLI.expected("default")
        let r = try CLI.run(["--db", CLI.db("default"), "stats", "--format", "json", "--days", "90", "--now", "2026-06-15T12:00:00Z"])
        XCTAssertEqual(try CLI.json(r)["signups_per_day"] as? NSArray, (expected["stats"] as? [String: Any])?["signups_per_day_90"] as? NSArray)
    }

    func testTableForPeople() throws {
        let r = try CLI.run(["--db", CLI.db("default"), "stats", "--now", "2026-06-15T12:00:00Z"])
        XCTAssertEqual(r.status, 0)
        XCTAssertTrue(r.stdout.contains("Total users  342\n"), r.stdout)
        XCTAssertTrue(r.stdout.contains("OAuth users  219 (64.0%)\n"), r.stdout)
        XCTAssertTrue(r.stdout.contains("corp-sso        45          15          33  2026-06-15T12:01:00Z"), r.stdout)
        // github's last link has a fraction (12:07:30.5): the table shows it to the second, whole.
        XCTAssertTrue(r.stdout.contains("  2026-06-15T12:07:30Z\n"), r.stdout)
    }

    func testCustomUserModelSaysWhatIsUnavailable() throws {
        let r = try CLI.run(["--db", CLI.db("custom"), "stats"])
        XCTAssertEqual(r.status, 0)
        XCTAssertTrue(r.stdout.contains("Staff        n/a\n"))
        XCTAssertTrue(r.stdout.contains("note: people_person has no is_staff column: the staff count is unavailable"))
    }
}
