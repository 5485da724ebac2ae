import Foundation
import XCTest
@testable import AuthCore

final class ProviderCatalogTests: XCTestCase {
    /// The compiled catalogue must say what Resources/providers.tsv says (regenerate with
    /// Resources/generate-catalog.py after editing the TSV).
    func testCompiledCatalogueMatchesTheTSV() throws {
        let tsv = try String(contentsOfFile: Fixtures.packageRoot + "/Resources/providers.tsv", encoding: .utf8)
        let lines = tsv.split(separator: "\n").dropFirst()
        XCTAssertEqual(ProviderCatalog.all.count, lines.count)
        XCTAssertEqual(ProviderCatalog.all.count, 125)
        for line in lines {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            let info = try XCTUnwrap(ProviderCatalog.info(f[0]), f[0])
            XCTAssertEqual(info.slug, f[4])
            XCTAssertEqual(info.package, f[2])
            XCTAssertEqual(info.defaultScopes, f[7].split(separator: ",").map(String.init))
        }
    }

    func testMaskNeverRevealsMoreThanFourCharacters() {
        XCTAssertEqual(ClientIDMask.mask("Iv1.8a61f9b3a7aba766"), "****a766 (20 chars)")
        XCTAssertEqual(ClientIDMask.mask("123456789012-abcdefghijklmnopqrstuvwxyz012345.apps.googleusercontent.com"),
                       "****2345.apps.googleusercontent.com (72 chars)")
        XCTAssertEqual(ClientIDMask.mask("abcdefghijkl"), "****jkl (12 chars)")
        XCTAssertEqual(ClientIDMask.mask("12345678"), "****78 (8 chars)")
        XCTAssertEqual(ClientIDMask.mask("123"), "**** (3 chars)")
        XCTAssertEqual(ClientIDMask.mask(""), "empty")
        for id in ["a", "ab12", "abcdefg", "0123456789abcdefghij"] {
            XCTAssertFalse(ClientIDMask.mask(id).hasPrefix("****" + id), "all of \(id) shown")
        }
    }

    func testCallbackPathsFollowAllauthsRoutes() throws {
        func paths(_ id: String, pid: String? = nil, client: String? = nil, prefix: String = "/accounts/", oidc: String = "oidc") throws -> String {
            let p = CallbackURLs.paths(for: try XCTUnwrap(ProviderCatalog.info(id)), appProviderID: pid, clientID: client, allauthPrefix: prefix, oidcPrefix: oidc)
            return (p.callback ?? "none") + " " + p.login
        }
        XCTAssertEqual(try paths("github"), "/accounts/github/login/callback/ /accounts/github/login/")
        XCTAssertEqual(try paths("amazon_cognito"), "/accounts/amazon-cognito/login/callback/ /accounts/amazon-cognito/login/")
        XCTAssertEqual(try paths("openid_connect", pid: "corp-sso"), "/accounts/oidc/corp-sso/login/callback/ /accounts/oidc/corp-sso/login/")
        XCTAssertEqual(try paths("openid_connect", pid: "corp-sso", oidc: ""), "/accounts/corp-sso/login/callback/ /accounts/corp-sso/login/")
        XCTAssertEqual(try paths("saml", client: "acme"), "/accounts/saml/acme/acs/ /accounts/saml/acme/login/")
        XCTAssertEqual(try paths("steam"), "/accounts/steam/callback/ /accounts/steam/login/")
        XCTAssertEqual(try paths("github", prefix: "auth/"), "/auth/github/login/callback/ /auth/github/login/")
        // Django joins route and include as written: "auth" without a slash gives /authgithub/...
        XCTAssertEqual(try paths("github", prefix: "/auth"), "/authgithub/login/callback/ /authgithub/login/")
        XCTAssertEqual(try paths("dummy"), "none /accounts/dummy/login/")
    }

    func testScopeAdvice() throws {
        let github = try XCTUnwrap(ProviderCatalog.info("github"))
        let inApp = ScopeAdvice.check(info: github, storedID: "github", scopes: nil, appKeys: ["client_id", "secret", "SCOPE"], location: "settings.py:9")
        XCTAssertEqual(inApp.map(\.code), ["scope-in-app"])
        XCTAssertEqual(inApp.first?.severity, .error)
        XCTAssertEqual(ScopeAdvice.check(info: github, storedID: "github", scopes: ["read:user"], appKeys: nil, location: nil).map(\.code),
                       ["github-no-email-scope"])
        let linkedin = try XCTUnwrap(ProviderCatalog.info("linkedin_oauth2"))
        XCTAssertEqual(ScopeAdvice.check(info: linkedin, storedID: "linkedin_oauth2", scopes: ["r_liteprofile"], appKeys: nil, location: nil).map(\.code), ["retired-scope"])
        let twitter = try XCTUnwrap(ProviderCatalog.info("twitter"))
        XCTAssertEqual(ScopeAdvice.check(info: twitter, storedID: "twitter", scopes: ["r_basicprofile"], appKeys: nil, location: nil).map(\.code), ["scope-on-oauth1"])
        let google = try XCTUnwrap(ProviderCatalog.info("google"))
        XCTAssertEqual(ScopeAdvice.check(info: google, storedID: "google", scopes: ["profile", "emial"], appKeys: nil, location: nil).map(\.code), ["undocumented-scope"])
        XCTAssertEqual(ScopeAdvice.check(info: google, storedID: "google", scopes: ["profile", "email"], appKeys: nil, location: nil), [])
    }

    func testSnippetCarriesNoValuesOnlyEnvironmentLookups() throws {
        let github = try XCTUnwrap(ProviderCatalog.info("github"))
        let oidc = try XCTUnwrap(ProviderCatalog.info("openid_connect"))
        let text = SettingsSnippet.settings([
            SnippetRequest(info: github, storedID: "github", scopes: ["user:email"], callbackURL: "https://ex.test/accounts/github/login/callback/", serverURL: nil),
            SnippetRequest(info: oidc, storedID: "corp-sso", scopes: ["openid", "profile", "email"], callbackURL: nil, serverURL: "https://sso.ex.test/realms/x"),
        ])
        XCTAssertTrue(text.hasPrefix("import os\n\nSOCIALACCOUNT_PROVIDERS = {\n    \"github\": {\n        \"APP\": {\n            \"client_id\": os.getenv(\"GITHUB_CLIENT_ID\", \"\"),"), text)
        XCTAssertTrue(text.contains("\"openid_connect\": {\n        \"APPS\": [\n"), text)
        XCTAssertTrue(text.contains("\"client_id\": os.getenv(\"CORP_SSO_CLIENT_ID\", \"\")"), text)
        XCTAssertTrue(text.contains("#   https://ex.test/accounts/github/login/callback/\n"), text)
        XCTAssertEqual(SettingsSnippet.envTemplate([SnippetRequest(info: github, storedID: "github", scopes: [], callbackURL: nil, serverURL: nil)]),
                       "# github\nGITHUB_CLIENT_ID=\nGITHUB_SECRET=\n")
    }
}
