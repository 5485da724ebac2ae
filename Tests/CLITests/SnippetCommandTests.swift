import Foundation
import XCTest

final class SnippetCommandTests: XCTestCase {
    func testSettingsEnvAndJSON() throws {
        let r = try CLI.run(["snippet", "--all", "--base-url", "https://console.example.test"], cwd: Projects.path("custom_prefix"))
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("import os\n\n# As in the project's settings: the OpenID Connect redirect URIs below depend on it.\nSOCIALACCOUNT_OPENID_CONNECT_URL_PREFIX = \"sso\"\n\nSOCIALACCOUNT_PROVIDERS = {\n"), r.stdout)
        XCTAssertTrue(r.stdout.contains("\"client_id\": os.getenv(\"OKTA_WORKFORCE_CLIENT_ID\", \"\")"), r.stdout)
        XCTAssertTrue(r.stdout.contains("\"server_url\": \"https://shop.okta.example.com/oauth2/default\""), r.stdout)
        XCTAssertTrue(r.stdout.contains("#   https://console.example.test/api/auth/sso/okta-workforce/login/callback/\n"), r.stdout)
        let env = try CLI.run(["snippet", "github", "--format", "env"], cwd: Projects.path("custom_prefix"))
        XCTAssertEqual(env.stdout, "# github\nGITHUB_CLIENT_ID=\nGITHUB_SECRET=\n")
        let json = try CLI.run(["snippet", "corp-sso", "--format", "json", "--base-url", "https://console.example.test"], cwd: Projects.path("apps_oidc"))
        let list = try XCTUnwrap(JSONSerialization.jsonObject(with: json.stdoutBytes) as? [[String: Any]])
        XCTAssertEqual(list.first?["redirect_uri"] as? String, "https://console.example.test/accounts/oidc/corp-sso/login/callback/")
        XCTAssertEqual(list.first?["scopes"] as? [String], ["openid", "profile", "email", "groups"])
    }

    /// A provider not configured anywhere still gets a snippet, with the recommended scopes.
    func testWorksOutsideAProject() throws {
        let empty = try Projects.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: empty) }
        let r = try CLI.run(["snippet", "github", "--base-url", "https://ex.test"], cwd: empty)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("\"SCOPE\": [\"user:email\"]"), r.stdout)
        XCTAssertTrue(r.stdout.contains("#   https://ex.test/accounts/github/login/callback/"), r.stdout)
        XCTAssertEqual(try CLI.run(["snippet", "keycloak"], cwd: empty).status, 64)
        XCTAssertTrue(try CLI.run(["snippet", "keycloak"], cwd: empty).stderr.contains("use openid_connect"))
        XCTAssertEqual(try CLI.run(["snippet", "githib"], cwd: empty).status, 64)
        XCTAssertEqual(try CLI.run(["snippet"], cwd: empty).status, 64)
        XCTAssertEqual(try CLI.run(["snippet", "github", "--all"], cwd: empty).status, 64)
        XCTAssertEqual(try CLI.run(["snippet", "--all"], cwd: empty).status, 1)
    }

    func testOutFileIs0600AndNeverOverwrittenWithoutForce() throws {
        let folder = try Projects.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let out = folder + "/providers_settings.py"
        let first = try CLI.run(["snippet", "--all", "--out", out], cwd: Projects.path("app_form"))
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stdout.hasPrefix("wrote "), first.stdout)
        let attributes = try FileManager.default.attributesOfItem(atPath: out)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        let written = try String(contentsOfFile: out, encoding: .utf8)
        XCTAssertTrue(written.contains("SOCIALACCOUNT_PROVIDERS"))
        try Data("keep me\n".utf8).write(to: URL(fileURLWithPath: out))
        let again = try CLI.run(["snippet", "--all", "--out", out], cwd: Projects.path("app_form"))
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.contains("already exists: pass --force"), again.stderr)
        XCTAssertEqual(try String(contentsOfFile: out, encoding: .utf8), "keep me\n")
        let forced = try CLI.run(["snippet", "--all", "--out", out, "--force"], cwd: Projects.path("app_form"))
        XCTAssertEqual(forced.status, 0, forced.stderr)
        XCTAssertEqual(try String(contentsOfFile: out, encoding: .utf8), written)
        XCTAssertEqual(((try FileManager.default.attributesOfItem(atPath: out))[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder), ["providers_settings.py"], "no temporary file left")
        XCTAssertEqual(try CLI.run(["snippet", "github", "--force"], cwd: folder).status, 64)
        XCTAssertEqual(try CLI.run(["snippet", "github", "--out", folder], cwd: folder).status, 1)
    }
}
