import Foundation
import XCTest
@testable import AuthCore

/// The builder on small hand-made projects and databases: the cases no oracle layout has.
final class ProviderBuilderTests: XCTestCase {
    static let header = """
        import os
        INSTALLED_APPS = ["django.contrib.sites", "allauth", "allauth.account", "allauth.socialaccount",
                          "allauth.socialaccount.providers.github", "allauth.socialaccount.providers.openid_connect"]
        MIDDLEWARE = ["allauth.account.middleware.AccountMiddleware"]
        AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]
        SITE_ID = 1
        ROOT_URLCONF = "urls"
        ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"

        """

    func build(_ settings: String, database: DatabaseProviderConfig? = nil, environment: [String: String] = [:],
               json: ProvidersJSON? = nil) throws -> ProviderConfigurationReport {
        let project = try TemporaryProject(["settings.py": Self.header + settings,
                                            "urls.py": "from django.urls import include, path\nurlpatterns = [path(\"accounts/\", include(\"allauth.urls\"))]\n"], test: self)
        return ProviderConfigurationBuilder.build(ProviderConfigurationInput(
            settings: project.read(environment: environment), database: database, providersJSON: json,
            baseURL: SiteAddress.parse(baseURL: "https://ex.test")))
    }

    static func app(_ id: Int64, _ provider: String, providerID: String = "", sites: [Int64], settings: [String: String] = [:],
                    keys: [String] = [], clientID: String = "client-0001", secret: Int = 20) -> DatabaseApp {
        DatabaseApp(id: id, provider: provider, providerID: providerID, name: provider, clientID: clientID, secretLength: secret, keyLength: 0,
                    settings: settings, scopes: nil, settingsKeys: keys, siteIDs: sites)
    }

    static func database(_ apps: [DatabaseApp], sites: [DjangoSite] = [DjangoSite(id: 1, domain: "ex.test", name: "ex")],
                         migrations: [(app: String, name: String, id: Int64)] = [("sites", "0001_initial", 1), ("socialaccount", "0001_initial", 2)]) -> DatabaseProviderConfig {
        DatabaseProviderConfig(apps: apps, sites: sites, migrations: migrations)
    }

    func codes(_ r: ProviderConfigurationReport) -> [String] { r.allFindings.map(\.code) }

    func testHiddenAppDoesNotCountAsADuplicate() throws {
        let r = try build("""
            SOCIALACCOUNT_PROVIDERS = {"github": {"APPS": [
                {"client_id": "web-client-0001", "secret": "s3cr3t-value-abc"},
                {"client_id": "ios-client-0002", "secret": "s3cr3t-value-def", "settings": {"hidden": True}},
            ]}}
            """)
        XCTAssertEqual(r.entries.filter { $0.id == "github" }.map(\.lookup), [.ok, .ok])
        XCTAssertEqual(r.entries.filter { $0.id == "github" }.map(\.status), [.ready, .ready])
        XCTAssertFalse(codes(r).contains("app-duplicated"))
    }

    func testDatabaseAppsAreAlwaysVisibleWithoutTheSitesFramework() throws {
        let r = try build("INSTALLED_APPS = [a for a in INSTALLED_APPS if a != 'django.contrib.sites']\nINSTALLED_APPS = " +
                          "[\"allauth\", \"allauth.account\", \"allauth.socialaccount\", \"allauth.socialaccount.providers.github\"]\n",
                          database: Self.database([Self.app(1, "github", sites: [])], sites: []))
        XCTAssertEqual(r.entries.map(\.status), [.ready])
        XCTAssertEqual(r.entries.first?.source, "database app #1")
    }

    func testSettingsAndDatabaseAppForTheSameProviderIsAnError() throws {
        let r = try build("SOCIALACCOUNT_PROVIDERS = {'github': {'APP': {'client_id': 'abcdefgh12345678', 'secret': 'x1y2z3w4v5'}}}\n",
                          database: Self.database([Self.app(7, "github", sites: [1])]))
        XCTAssertEqual(r.entries.map(\.status), [.duplicated, .duplicated])
        let finding = try XCTUnwrap(r.allFindings.first { $0.code == "app-duplicated" })
        XCTAssertEqual(finding.severity, .error)
        XCTAssertEqual(finding.location, "settings.py:9, socialaccount_socialapp id=7")
    }

    func testMigrationOrderInDjangoMigrations() throws {
        let later = try build("", database: Self.database([], migrations: [("socialaccount", "0001_initial", 5), ("sites", "0001_initial", 9)]))
        XCTAssertTrue(codes(later).contains("sites-migration-order"))
        let missing = try build("", database: Self.database([], migrations: [("socialaccount", "0001_initial", 5)]))
        XCTAssertTrue(codes(missing).contains("sites-migration-order"))
        let fine = try build("", database: Self.database([]))
        XCTAssertFalse(codes(fine).contains("sites-migration-order"))
        XCTAssertEqual(later.allFindings.first { $0.code == "sites-migration-order" }?.location, "django_migrations")
    }

    func testSiteIDMissingFromDjangoSite() throws {
        let r = try build("SITE_ID = 3\n", database: Self.database([Self.app(1, "github", sites: [1])]))
        XCTAssertTrue(codes(r).contains("site-id-missing"))
        XCTAssertEqual(r.entries.first?.status, .invisible)
    }

    func testOIDCAppWithoutServerURLAndPlaceholdersAndDynamicSecret() throws {
        let r = try build("""
            def vault(name): return name
            SOCIALACCOUNT_PROVIDERS = {
                "openid_connect": {"APPS": [{"provider_id": "corp", "client_id": "your.service.id", "secret": vault("x")}]},
                "github": {"APP": {"client_id": "Iv1.0123456789abcdef", "secret": "KEYID"}},
            }
            """)
        let corp = try XCTUnwrap(r.entries.first { $0.id == "corp" })
        XCTAssertEqual(corp.secret.keyword, "dynamic")
        XCTAssertEqual(corp.status, .ready)
        XCTAssertEqual(corp.callbackURL, "https://ex.test/accounts/oidc/corp/login/callback/")
        XCTAssertEqual(Set(corp.warnings.map(\.code)), ["oidc-server-url-missing", "placeholder-credentials"])
        let github = try XCTUnwrap(r.entries.first { $0.id == "github" })
        XCTAssertEqual(github.warnings.map(\.code), ["placeholder-credentials"])
        XCTAssertTrue(github.warnings[0].message.contains("secret is a placeholder"))
    }

    func testEnvironmentUnsetAndEmptyDefaultAreEnvUnsetNeverValues() throws {
        let r = try build("""
            SOCIALACCOUNT_PROVIDERS = {"github": {"APP": {"client_id": os.getenv("GH_ID"), "secret": os.environ.get("GH_SECRET", "")}}}
            """, environment: ["GH_ID": "Iv1.abcdefabcdef1234"])
        let github = try XCTUnwrap(r.entries.first)
        XCTAssertEqual(github.status, .environmentUnset)
        XCTAssertEqual(github.secret, .environmentUnset(variable: "GH_SECRET"))
        XCTAssertEqual(github.clientIDMasked, "****1234 (20 chars)")
    }

    func testProvidersJSONReplacesTheSettingsValue() throws {
        let json = try ProvidersJSON.parse(Data("""
            {"openid_connect": {"APPS": [{"provider_id": "okta", "name": "Okta", "client_id": "0oa-client-123456",
              "secret": "CANARY-SECRET-json", "settings": {"server_url": "https://okta.example.com", "scope": ["openid", "email"]}}]}}
            """.utf8), displayName: "providers.json")
        let r = try build("SOCIALACCOUNT_PROVIDERS = {'github': {'APP': {'client_id': 'x', 'secret': 'y'}}}\n", json: json)
        XCTAssertEqual(r.entries.map(\.id), ["github", "okta"])
        let okta = try XCTUnwrap(r.entries.first { $0.id == "okta" })
        XCTAssertEqual(okta.source, "providers-json APPS[0] (providers.json)")
        XCTAssertEqual(okta.scopes, ["openid", "email"])
        XCTAssertEqual(okta.secret, .set(length: 18))
        XCTAssertEqual(r.entries.first { $0.id == "github" }?.status, .missingCredentials, "github is installed but the JSON has no app for it")
        XCTAssertThrowsError(try ProvidersJSON.parse(Data("[1]".utf8), displayName: "p.json"))
        XCTAssertThrowsError(try ProvidersJSON.parse(Data(String(repeating: "[", count: 500).utf8), displayName: "p.json"))
        XCTAssertThrowsError(try ProvidersJSON.parse(Data("{\"a\": CANARY".utf8), displayName: "p.json")) { error in
            XCTAssertFalse((error as? UserFacingError)?.message.contains("CANARY") ?? true)
        }
    }

    func testRemovedProviderInInstalledAppsAndDatabase() throws {
        let r = try build("INSTALLED_APPS = INSTALLED_APPS + ['allauth.socialaccount.providers.keycloak']\n",
                          database: Self.database([Self.app(2, "persona", sites: [1])]))
        let removed = r.allFindings.filter { $0.code == "removed-provider" }
        XCTAssertEqual(removed.map(\.providerID), ["keycloak", "persona"])
        XCTAssertEqual(r.entries.first { $0.id == "persona" }?.status, .notInstalled)
    }

    func testConditionalAppsSayWhatTheyDependOn() throws {
        let r = try build("""
            SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": []}}
            if os.environ.get("CORP_ID"):
                SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"].append({"provider_id": "corp", "client_id": os.environ.get("CORP_ID"),
                    "secret": "abc", "settings": {"server_url": "https://id.example.com"}})
            """, environment: ["CORP_ID": "corp-client-1234"])
        let corp = try XCTUnwrap(r.entries.first { $0.id == "corp" })
        XCTAssertTrue(corp.source.hasSuffix(", conditional"), corp.source)
        XCTAssertEqual(corp.warnings.first { $0.code == "conditional-app" }?.message.contains("depends on $CORP_ID"), true)
    }

    func testConditionalSettingsAreReportedAsSuch() throws {
        let r = try build("if os.environ.get('LEGACY'):\n    MIDDLEWARE = []\n", environment: ["LEGACY": "1"])
        let finding = try XCTUnwrap(r.allFindings.first { $0.code == "account-middleware-missing" })
        XCTAssertTrue(finding.message.contains("(conditional: MIDDLEWARE depends on a condition in the settings, 2 variants"), finding.message)
    }

    func testNoProjectDatabaseOnly() throws {
        let r = ProviderConfigurationBuilder.build(ProviderConfigurationInput(
            settingsProblem: "no manage.py", database: Self.database([Self.app(1, "github", sites: [1]), Self.app(2, "google", sites: [2])])))
        XCTAssertEqual(r.entries.map(\.status), [.ready, .invisible])
        XCTAssertNil(r.installedProviderIDs)
        // Host from django_site; without ACCOUNT_DEFAULT_HTTP_PROTOCOL allauth builds http URLs.
        XCTAssertEqual(r.entries.first?.callbackURL, "http://ex.test/accounts/github/login/callback/")
        XCTAssertEqual(r.site?.hostSource, "django_site id=1")
        XCTAssertTrue(r.notes.contains { $0.contains("no manage.py") })
        XCTAssertTrue(codes(r).contains("settings-unreadable"))
    }

    func testQueryEmailDefaultsFollowSignupFields() throws {
        let required = try build("ACCOUNT_SIGNUP_FIELDS = ['email*', 'password1*']\nSOCIALACCOUNT_PROVIDERS = {'github': {'APP': {'client_id': 'abcd1234', 'secret': 'efgh5678'}}}\n")
        XCTAssertEqual(required.entries.first?.scopes, ["user:email"])
        let optional = try build("ACCOUNT_SIGNUP_FIELDS = ['email', 'username*']\nSOCIALACCOUNT_PROVIDERS = {'github': {'APP': {'client_id': 'abcd1234', 'secret': 'efgh5678'}}}\n")
        XCTAssertEqual(optional.entries.first?.scopes, [])
        let legacy = try build("ACCOUNT_EMAIL_REQUIRED = True\nSOCIALACCOUNT_PROVIDERS = {'github': {'APP': {'client_id': 'abcd1234', 'secret': 'efgh5678'}}}\n")
        XCTAssertEqual(legacy.entries.first?.scopes, ["user:email"])
    }

    func testBaseURLParsing() {
        XCTAssertEqual(SiteAddress.parse(baseURL: "https://ex.test/")?.origin, "https://ex.test")
        XCTAssertEqual(SiteAddress.parse(baseURL: "http://ex.test:8000")?.origin, "http://ex.test:8000")
        for bad in ["ex.test", "ftp://ex.test", "https://", "https://ex.test/app", "https://u:p@ex.test", "https://ex\u{1b}.test"] {
            XCTAssertNil(SiteAddress.parse(baseURL: bad), bad)
        }
    }
}
