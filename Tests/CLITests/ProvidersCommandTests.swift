import Foundation
import XCTest

enum Projects {
    static let layouts = ["app_form", "apps_oidc", "split_settings", "custom_prefix", "empty_oidc_prefix", "db_apps",
                          "misconfigured", "misconfigured_runnable", "namespaced_include", "namespaced_include_tuple", "socialaccount_only",
                          "all_providers"]

    static var folder: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/projects").path
    }

    static func path(_ layout: String) -> String { folder + "/" + layout }

    static func expected(_ layout: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/expected/\(layout).expected.json"))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func temporaryFolder() throws -> String {
        let dir = NSTemporaryDirectory() + "authconsole-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static func list(_ r: CLIResult) throws -> [[String: Any]] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: r.stdoutBytes) as? [[String: Any]], r.stderr)
    }
}

final class ProvidersCommandTests: XCTestCase {
    static let keys = ["id", "provider", "name", "label", "source", "status", "callback_url", "login_url", "client_id_masked",
                       "secret", "scopes", "warnings", "account_count", "active_users_30d", "provider_logins_30d", "last_linked"]

    func testJSONHasExactlyTheDocumentedKeysInOrder() throws {
        let r = try CLI.run(["providers", "--format", "json", "--base-url", "https://console.example.test"], cwd: Projects.path("db_apps"))
        XCTAssertEqual(r.status, 0, r.stderr)
        let entries = try Projects.list(r)
        XCTAssertEqual(entries.count, 6)
        for entry in entries { XCTAssertEqual(Set(entry.keys), Set(Self.keys)) }
        let firstKeys = r.stdout.split(separator: "\n").prefix(80).filter { $0.hasPrefix("    \"") }.prefix(Self.keys.count).map { String($0.split(separator: "\"")[1]) }
        XCTAssertEqual(firstKeys, Self.keys)
        let discord = entries.filter { $0["id"] as? String == "discord" }
        XCTAssertEqual(discord.map { $0["status"] as? String }, ["duplicated", "duplicated"])
        XCTAssertEqual((discord.first?["warnings"] as? [[String: Any]])?.first?["code"] as? String, "app-duplicated")
        XCTAssertEqual(discord.first?["account_count"] as? Int, 0, "the database was read")
    }

    func testCallbackAndLoginURLsEqualReverseForEveryLayout() throws {
        for layout in Projects.layouts where layout != "misconfigured" && layout != "all_providers" {
            let expected = try Projects.expected(layout)
            let r = try CLI.run(["providers", "--format", "json", "--base-url", "https://console.example.test"], cwd: Projects.path(layout))
            XCTAssertEqual(r.status, 0, layout + r.stderr)
            let got = try Projects.list(r)
            for want in expected["providers"] as? [[String: Any]] ?? [] {
                let mine = got.filter { $0["id"] as? String == want["id"] as? String && $0["provider"] as? String == want["provider"] as? String }
                XCTAssertFalse(mine.isEmpty, layout)
                for entry in mine {
                    XCTAssertEqual(entry["callback_url"] as? String, want["callback_url"] as? String, layout)
                    XCTAssertEqual(entry["login_url"] as? String, want["login_url"] as? String, layout)
                    if let scopes = want["scopes"] as? [String] { XCTAssertEqual(entry["scopes"] as? [String], scopes, layout) }
                }
            }
        }
    }

    func testSettingsOnlySaysSo() throws {
        let r = try CLI.run(["providers"], cwd: Projects.path("app_form"))
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("Database   not read (settings only): no database at "), r.stdout)
        XCTAssertTrue(r.stdout.contains("google  google    env-unset  from $GOOGLE_CLIENT_SECRET (unset)  from $GOOGLE_CLIENT_ID (unset)"), r.stdout)
        XCTAssertTrue(r.stdout.contains("n/a         n/a  —\n"), r.stdout)
        XCTAssertTrue(r.stdout.contains("  callback     https://console.example.test/accounts/github/login/callback/\n"), r.stdout)
        let json = try CLI.run(["providers", "--format", "json"], cwd: Projects.path("app_form"))
        XCTAssertTrue(json.stderr.contains("note: database not read"), json.stderr)
        XCTAssertTrue(try Projects.list(json).allSatisfy { $0["account_count"] is NSNull })
    }

    func testDatabaseOnlyWithoutAProject() throws {
        let empty = try Projects.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: empty) }
        let r = try CLI.run(["providers", "--db", CLI.db("default"), "--format", "json", "--now", "2026-06-15T12:00:00Z"], cwd: empty)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("no Django project"), r.stderr)
        let entries = try Projects.list(r)
        let expected = try CLI.expected("default")
        let stats = try XCTUnwrap((expected["stats"] as? [String: Any])?["providers"] as? [String: [String: Any]])
        let corp = try XCTUnwrap(entries.first { $0["id"] as? String == "corp-sso" })
        XCTAssertEqual(corp["provider"] as? String, "openid_connect")
        XCTAssertEqual(corp["account_count"] as? Int, stats["corp-sso"]?["account_count"] as? Int)
        XCTAssertEqual(corp["active_users_30d"] as? Int, stats["corp-sso"]?["active_users_30d"] as? Int)
        XCTAssertEqual(corp["provider_logins_30d"] as? Int, stats["corp-sso"]?["provider_logins_30d"] as? Int)
        XCTAssertEqual(corp["last_linked"] as? String, stats["corp-sso"]?["last_linked"] as? String)
        // The table shows github's last link (12:07:30.5) to the second, whole, like every other row.
        let table = try CLI.run(["providers", "--db", CLI.db("default"), "--now", "2026-06-15T12:00:00Z"], cwd: empty)
        XCTAssertTrue(table.stdout.contains("  2026-06-15T12:07:30Z\n"), table.stdout)
        XCTAssertFalse(table.stdout.contains("12:07:30…"), table.stdout)
        let doctor = try CLI.run(["doctor", "--db", CLI.db("default"), "--format", "json"], cwd: empty)
        let codes = ((try CLI.json(doctor))["findings"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
        XCTAssertTrue(codes.contains("orphaned-accounts"), "keycloak accounts with no app: \(codes)")
    }

    func testNothingToReadAndBadOptions() throws {
        let empty = try Projects.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: empty) }
        let r = try CLI.run(["providers"], cwd: empty)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("nothing to read"), r.stderr)
        let bad = try CLI.run(["providers", "--base-url", "console.example.test"], cwd: Projects.path("app_form"))
        XCTAssertEqual(bad.status, 64)
        XCTAssertTrue(bad.stderr.contains("--base-url takes"), bad.stderr)
        let json = try CLI.run(["providers", "--providers-json", "nope.json"], cwd: Projects.path("app_form"))
        XCTAssertEqual(json.status, 1)
        XCTAssertTrue(json.stderr.contains("--providers-json"), json.stderr)
    }

    func testProvidersJSONOption() throws {
        let folder = try Projects.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data(#"{"github": {"SCOPE": ["user:email"], "APP": {"client_id": "Iv1.fromjson00000001", "secret": "CANARY-SECRET-json-1"}}}"#.utf8)
            .write(to: URL(fileURLWithPath: folder + "/providers.json"))
        let r = try CLI.run(["providers", "--format", "json", "--providers-json", folder + "/providers.json"], cwd: Projects.path("app_form"))
        XCTAssertEqual(r.status, 0, r.stderr)
        let entries = try Projects.list(r)
        XCTAssertEqual(entries.map { $0["id"] as? String }, ["github", "google"])
        XCTAssertEqual(entries.first?["client_id_masked"] as? String, "****0001 (20 chars)")
        XCTAssertEqual(entries.last?["status"] as? String, "missing-credentials", "google is installed but the JSON has no app")
        XCTAssertFalse(r.stdout.contains("CANARY") || r.stderr.contains("CANARY"))
    }

    func testHostileValuesAreSanitised() throws {
        let folder = try Projects.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data(#"{"openid_connect": {"APPS": [{"provider_id": "evil\u001b]52;c;aGk=\u0007", "name": "\u001b[2J", "client_id": "abc", "secret": "", "settings": {"server_url": "https://x"}}]}}"#.utf8)
            .write(to: URL(fileURLWithPath: folder + "/p.json"))
        for args in [["providers"], ["doctor"], ["providers", "--format", "json"]] {
            let r = try CLI.run(args + ["--providers-json", folder + "/p.json"], cwd: Projects.path("apps_oidc"))
            XCTAssertFalse(r.stdout.contains("\u{1b}"), args.joined(separator: " "))
            XCTAssertFalse(r.stderr.contains("\u{1b}"), args.joined(separator: " "))
        }
    }
}
