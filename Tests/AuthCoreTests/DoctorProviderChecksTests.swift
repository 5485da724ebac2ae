import Foundation
import XCTest
@testable import AuthCore

/// The doctor's Microsoft tenant, Apple key and SOCIALACCOUNT_ONLY checks on small hand-made
/// projects and database apps, each with the case that must stay quiet.
final class DoctorProviderChecksTests: XCTestCase {
    static let header = """
        import os
        INSTALLED_APPS = ["django.contrib.sites", "allauth", "allauth.account", "allauth.socialaccount",
                          "allauth.socialaccount.providers.microsoft", "allauth.socialaccount.providers.apple"]
        MIDDLEWARE = ["allauth.account.middleware.AccountMiddleware"]
        AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]
        SITE_ID = 1
        ROOT_URLCONF = "urls"
        ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"

        """

    func build(_ settings: String, database: DatabaseProviderConfig? = nil, environment: [String: String] = [:]) throws -> ProviderConfigurationReport {
        let project = try TemporaryProject(["settings.py": Self.header + settings,
                                            "urls.py": "from django.urls import include, path\nurlpatterns = [path(\"accounts/\", include(\"allauth.urls\"))]\n"], test: self)
        return ProviderConfigurationBuilder.build(ProviderConfigurationInput(
            settings: project.read(environment: environment), database: database, baseURL: SiteAddress.parse(baseURL: "https://ex.test")))
    }

    static func app(_ id: Int64, _ provider: String, keys: [String] = [], keyLength: Int = 0, secretSettings: [String: Int] = [:],
                    settings: [String: String] = [:]) -> DatabaseApp {
        var app = DatabaseApp(id: id, provider: provider, providerID: "", name: provider, clientID: "client-\(id)-0001", secretLength: 20,
                              keyLength: keyLength, settings: settings, scopes: nil, settingsKeys: keys, siteIDs: [1])
        app.secretSettingLengths = secretSettings
        return app
    }

    static func database(_ apps: [DatabaseApp]) -> DatabaseProviderConfig {
        DatabaseProviderConfig(apps: apps, sites: [DjangoSite(id: 1, domain: "ex.test", name: "ex")],
                               migrations: [("sites", "0001_initial", 1), ("socialaccount", "0001_initial", 2)])
    }

    func findings(_ r: ProviderConfigurationReport, _ code: String) -> [Finding] { r.allFindings.filter { $0.code == code } }

    // MARK: Microsoft

    func testMicrosoftSettingsAppWithoutTenantIsAnInfoAtTheApp() throws {
        let r = try build("""
            SOCIALACCOUNT_PROVIDERS = {
                "microsoft": {
                    "APP": {"client_id": "ms-client-0001", "secret": "ms-secret-value"},
                },
            }
            """)
        let found = findings(r, "microsoft-tenant-default")
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found.first?.severity, .info)
        XCTAssertEqual(found.first?.providerID, "microsoft")
        XCTAssertEqual(found.first?.location, "settings.py:11")
        XCTAssertTrue(found.first?.message.contains("AADSTS50194") ?? false)
        XCTAssertTrue(found.first?.fix.contains("\"tenant\"") ?? false)
        // It shows on the provider entry too (the providers screen), not only in doctor.
        XCTAssertEqual(r.entries.first { $0.id == "microsoft" }?.warnings.map(\.code).contains("microsoft-tenant-default"), true)
        XCTAssertFalse(r.hasErrors)
    }

    func testMicrosoftTenantInAppSettingsOrLegacyProviderLevelIsQuiet() throws {
        for config in [
            #""microsoft": {"APP": {"client_id": "ms-client-0001", "secret": "ms-secret-value", "settings": {"tenant": "organizations"}}}"#,
            #""microsoft": {"TENANT": "contoso.onmicrosoft.com", "APP": {"client_id": "ms-client-0001", "secret": "ms-secret-value"}}"#,
            #""microsoft": {"tenant": "contoso.onmicrosoft.com", "APP": {"client_id": "ms-client-0001", "secret": "ms-secret-value"}}"#,
            // settings built at run time: unknown, so no guess.
            #""microsoft": {"APP": {"client_id": "ms-client-0001", "secret": "ms-secret-value", "settings": load_ms_settings()}}"#,
        ] {
            let r = try build("SOCIALACCOUNT_PROVIDERS = {\(config)}\n")
            XCTAssertEqual(findings(r, "microsoft-tenant-default").count, 0, config)
        }
    }

    /// allauth reads only name/provider_id/client_id/secret/key/settings from APP: a tenant written
    /// there is ignored (the real adapter then builds https://login.microsoftonline.com/common/...).
    func testMicrosoftTenantInsideAppIsIgnoredAndSaidSo() throws {
        let r = try build("""
            SOCIALACCOUNT_PROVIDERS = {"microsoft": {"APP": {"client_id": "ms-client-0001", "secret": "ms-secret-value", "tenant": "contoso"}}}
            """)
        XCTAssertEqual(findings(r, "unknown-app-key").count, 1)
        let found = findings(r, "microsoft-tenant-default")
        XCTAssertEqual(found.count, 1)
        XCTAssertTrue(found.first?.message.contains("\"tenant\" written directly inside the app is ignored") ?? false)
    }

    func testMicrosoftDatabaseApps() throws {
        let without = try build("", database: Self.database([Self.app(3, "microsoft")]))
        let found = findings(without, "microsoft-tenant-default")
        XCTAssertEqual(found.map(\.location), ["socialaccount_socialapp id=3"])
        XCTAssertTrue(found.first?.fix.contains("settings JSON") ?? false)

        let with = try build("", database: Self.database([Self.app(3, "microsoft", keys: ["tenant"], settings: ["tenant": "organizations"])]))
        XCTAssertEqual(findings(with, "microsoft-tenant-default").count, 0)

        // The provider-level TENANT in the settings applies to database apps as well.
        let legacy = try build(#"SOCIALACCOUNT_PROVIDERS = {"microsoft": {"TENANT": "contoso"}}"# + "\n",
                               database: Self.database([Self.app(3, "microsoft")]))
        XCTAssertEqual(findings(legacy, "microsoft-tenant-default").count, 0)

        // SOCIALACCOUNT_PROVIDERS unreadable: a provider-level TENANT may be there, so no guess.
        let unreadable = try build("SOCIALACCOUNT_PROVIDERS = load_providers()\n", database: Self.database([Self.app(3, "microsoft")]))
        XCTAssertEqual(findings(unreadable, "microsoft-tenant-default").count, 0)

        let entryUnreadable = try build(#"SOCIALACCOUNT_PROVIDERS = {"microsoft": MICROSOFT}"# + "\n", database: Self.database([Self.app(3, "microsoft")]))
        XCTAssertEqual(findings(entryUnreadable, "microsoft-tenant-default").count, 0)
        // No settings at all: the provider-level TENANT is unknown.
        let noSettings = ProviderConfigurationBuilder.build(ProviderConfigurationInput(database: Self.database([Self.app(3, "microsoft")])))
        XCTAssertEqual(findings(noSettings, "microsoft-tenant-default").count, 0)

        // Other providers are not concerned.
        let github = try build("", database: Self.database([Self.app(4, "apple", keyLength: 10, secretSettings: ["certificate_key": 200])]))
        XCTAssertEqual(findings(github, "microsoft-tenant-default").count, 0)
    }

    // MARK: Apple

    static let appleEnvironment = ["APPLE_TEAM_ID": "TEAM123456", "APPLE_CERTIFICATE_KEY": "-----BEGIN PRIVATE KEY-----\nCANARY-SECRET-apple-pem\n-----END PRIVATE KEY-----"]

    func appleCodes(_ app: String, environment: [String: String] = appleEnvironment) throws -> [String] {
        let r = try build("SOCIALACCOUNT_PROVIDERS = {\"apple\": {\"APPS\": [\(app)]}}\n", environment: environment)
        for f in r.allFindings {
            XCTAssertFalse(f.message.contains("CANARY") || f.fix.contains("CANARY") || f.message.contains("TEAM123456"), f.code)
        }
        return r.allFindings.map(\.code).filter { $0.hasPrefix("apple-") }
    }

    func testAppleSettingsApps() throws {
        let base = #""client_id": "com.example.web", "secret": "KEYID12345""#
        XCTAssertEqual(try appleCodes(#"{\#(base), "key": os.environ["APPLE_TEAM_ID"], "settings": {"certificate_key": os.environ["APPLE_CERTIFICATE_KEY"]}}"#), [])
        XCTAssertEqual(try appleCodes(#"{\#(base), "settings": {"certificate_key": os.environ["APPLE_CERTIFICATE_KEY"]}}"#), ["apple-key-missing"])
        XCTAssertEqual(try appleCodes(#"{\#(base), "key": "", "settings": {"certificate_key": os.environ["APPLE_CERTIFICATE_KEY"]}}"#), ["apple-key-missing"])
        XCTAssertEqual(try appleCodes(#"{\#(base), "key": os.environ["APPLE_TEAM_ID"]}"#), ["apple-certificate-key-missing"])
        XCTAssertEqual(try appleCodes(#"{\#(base), "key": os.environ["APPLE_TEAM_ID"], "settings": {"certificate_key": ""}}"#), ["apple-certificate-key-missing"])
        XCTAssertEqual(try appleCodes(#"{\#(base)}"#), ["apple-key-missing", "apple-certificate-key-missing"])
        // Deprecated but working: allauth moves it into settings and warns.
        XCTAssertEqual(try appleCodes(#"{\#(base), "key": os.environ["APPLE_TEAM_ID"], "certificate_key": os.environ["APPLE_CERTIFICATE_KEY"]}"#),
                       ["apple-certificate-key-in-app"])
        // Unknown values are not guessed: variables unset here, settings built at run time.
        XCTAssertEqual(try appleCodes(#"{\#(base), "key": os.getenv("APPLE_TEAM_ID"), "settings": {"certificate_key": os.getenv("APPLE_CERTIFICATE_KEY")}}"#, environment: [:]), [])
        XCTAssertEqual(try appleCodes(#"{\#(base), "key": os.environ["APPLE_TEAM_ID"], "settings": apple_settings()}"#), [])
    }

    func testAppleSeveritiesAndLocation() throws {
        let r = try build("""
            SOCIALACCOUNT_PROVIDERS = {"apple": {"APP": {"client_id": "com.example.web", "secret": "KEYID12345", "certificate_key": ""}}}
            """)
        XCTAssertEqual(findings(r, "apple-key-missing").first?.severity, .error)
        XCTAssertEqual(findings(r, "apple-certificate-key-missing").first?.severity, .error)
        XCTAssertEqual(findings(r, "apple-certificate-key-in-app").first?.severity, .warning)
        XCTAssertEqual(findings(r, "apple-key-missing").first?.location, "settings.py:9")
        XCTAssertTrue(r.hasErrors)
    }

    /// get_app("apple") uses the one app that is not hidden: a hidden iOS app needs no key.
    func testHiddenAppleAppBesideTheWebAppIsNotChecked() throws {
        let codes = try appleCodes("""
            {"client_id": "com.example.web", "secret": "KEYID12345", "key": os.environ["APPLE_TEAM_ID"], "settings": {"certificate_key": os.environ["APPLE_CERTIFICATE_KEY"]}},
            {"client_id": "com.example.ios", "secret": "", "settings": {"hidden": True}}
            """)
        XCTAssertEqual(codes, [])
    }

    func testAppleDatabaseApps() throws {
        func codes(_ app: DatabaseApp) throws -> [String] {
            try build("", database: Self.database([app])).allFindings.map(\.code).filter { $0.hasPrefix("apple-") }
        }
        XCTAssertEqual(try codes(Self.app(5, "apple", keys: ["certificate_key"], keyLength: 10, secretSettings: ["certificate_key": 241])), [])
        XCTAssertEqual(try codes(Self.app(5, "apple", keys: ["certificate_key"], keyLength: 0, secretSettings: ["certificate_key": 241])), ["apple-key-missing"])
        XCTAssertEqual(try codes(Self.app(5, "apple", keyLength: 10)), ["apple-certificate-key-missing"])
        XCTAssertEqual(try codes(Self.app(5, "apple", keys: ["certificate_key"], keyLength: 10, secretSettings: ["certificate_key": 0])),
                       ["apple-certificate-key-missing"])
        let r = try build("", database: Self.database([Self.app(5, "apple")]))
        XCTAssertEqual(findings(r, "apple-key-missing").first?.location, "socialaccount_socialapp id=5")
        XCTAssertTrue(findings(r, "apple-key-missing").first?.fix.contains("Django admin") ?? false)
    }

    /// The settings JSON keeps only the length of certificate_key, with Python's truthiness.
    func testDatabaseSettingsKeepOnlyTheCertificateKeyLength() {
        let parsed = DatabaseProviderConfig.parseSettings(#"{"certificate_key": "-----BEGIN PRIVATE KEY-----CANARY", "tenant": "x", "private_key": null}"#)
        XCTAssertEqual(parsed.secretLengths, ["certificate_key": 33, "private_key": 0])
        XCTAssertFalse(parsed.values.values.contains { $0.contains("CANARY") })
        XCTAssertEqual(DatabaseProviderConfig.parseSettings(#"{"certificate_key": false}"#).secretLengths, ["certificate_key": 0])
    }

    // MARK: SOCIALACCOUNT_ONLY

    func onlyFindings(_ settings: String, environment: [String: String] = [:]) throws -> [Finding] {
        try build(settings, environment: environment).allFindings.filter { $0.code.hasPrefix("socialaccount-only-") }
    }

    func testSocialAccountOnlyRequiresEmailVerificationNone() throws {
        // allauth's default is "optional", so leaving it unset fails its check too.
        let unset = try onlyFindings("SOCIALACCOUNT_ONLY = True\n")
        XCTAssertEqual(unset.map(\.code), ["socialaccount-only-email-verification"])
        XCTAssertEqual(unset.first?.severity, .error)
        XCTAssertEqual(unset.first?.location, "settings.py:9")
        XCTAssertTrue(unset.first?.message.contains("\"optional\" (allauth's default)") ?? false)

        let mandatory = try onlyFindings("SOCIALACCOUNT_ONLY = True\nACCOUNT_EMAIL_VERIFICATION = \"mandatory\"\n")
        XCTAssertEqual(mandatory.map(\.location), ["settings.py:10"])
        // The legacy boolean: False means "optional".
        XCTAssertEqual(try onlyFindings("SOCIALACCOUNT_ONLY = True\nACCOUNT_EMAIL_VERIFICATION = False\n").count, 1)

        XCTAssertEqual(try onlyFindings("SOCIALACCOUNT_ONLY = True\nACCOUNT_EMAIL_VERIFICATION = \"none\"\n"), [])
        XCTAssertEqual(try onlyFindings("SOCIALACCOUNT_ONLY = False\nACCOUNT_EMAIL_VERIFICATION = \"mandatory\"\n"), [])
        XCTAssertEqual(try onlyFindings("ACCOUNT_EMAIL_VERIFICATION = \"mandatory\"\n"), [])
        // Unknown values: no finding, never a guess.
        XCTAssertEqual(try onlyFindings("SOCIALACCOUNT_ONLY = True\nACCOUNT_EMAIL_VERIFICATION = os.getenv(\"VERIFY\")\n"), [])
        XCTAssertEqual(try onlyFindings("SOCIALACCOUNT_ONLY = compute_only()\n"), [])
        XCTAssertEqual(try onlyFindings("SOCIALACCOUNT_ONLY = True\nACCOUNT_EMAIL_VERIFICATION = verification_mode()\n"), [])
        // An unset os.getenv is None, falsy as in Python.
        XCTAssertEqual(try onlyFindings("SOCIALACCOUNT_ONLY = os.getenv(\"ONLY\")\n"), [])
        XCTAssertEqual(try onlyFindings("SOCIALACCOUNT_ONLY = True\nALLAUTH_SETTING_GETTER = \"mysite.getter\"\n"), [])
        // ...but a variable set in the environment is read like the rest of the settings.
        XCTAssertEqual(try onlyFindings("SOCIALACCOUNT_ONLY = True\nACCOUNT_EMAIL_VERIFICATION = os.getenv(\"VERIFY\")\n",
                                        environment: ["VERIFY": "optional"]).count, 1)
    }

    /// socialaccount/checks.py: SOCIALACCOUNT_EMAIL_VERIFICATION defaults to "none" under
    /// SOCIALACCOUNT_ONLY; any explicit value other than "none" (None included) fails.
    func testSocialAccountOnlyChecksSocialEmailVerificationToo() throws {
        let ok = "SOCIALACCOUNT_ONLY = True\nACCOUNT_EMAIL_VERIFICATION = \"none\"\n"
        XCTAssertEqual(try onlyFindings(ok + "SOCIALACCOUNT_EMAIL_VERIFICATION = \"none\"\n"), [])
        let optional = try onlyFindings(ok + "SOCIALACCOUNT_EMAIL_VERIFICATION = \"optional\"\n")
        XCTAssertEqual(optional.map(\.code), ["socialaccount-only-email-verification"])
        XCTAssertEqual(optional.first?.location, "settings.py:11")
        XCTAssertTrue(optional.first?.message.contains("SOCIALACCOUNT_EMAIL_VERIFICATION") ?? false)
        XCTAssertEqual(try onlyFindings(ok + "SOCIALACCOUNT_EMAIL_VERIFICATION = None\n").count, 1)
    }

    func testSocialAccountOnlyConflictsWithLoginByCodeAndMFA() throws {
        let ok = "SOCIALACCOUNT_ONLY = True\nACCOUNT_EMAIL_VERIFICATION = \"none\"\n"
        let code = try onlyFindings(ok + "ACCOUNT_LOGIN_BY_CODE_ENABLED = True\n")
        XCTAssertEqual(code.map(\.code), ["socialaccount-only-login-by-code"])
        XCTAssertEqual(code.first?.severity, .error)
        XCTAssertEqual(code.first?.location, "settings.py:11")
        XCTAssertEqual(try onlyFindings(ok + "ACCOUNT_LOGIN_BY_CODE_ENABLED = False\n"), [])

        for mfa in ["allauth.mfa", "allauth.mfa.apps.MFAConfig"] {
            let found = try onlyFindings(ok + "INSTALLED_APPS = INSTALLED_APPS + [\"\(mfa)\"]\n")
            XCTAssertEqual(found.map(\.code), ["socialaccount-only-mfa"], mfa)
            XCTAssertEqual(found.first?.severity, .error)
        }
        XCTAssertEqual(try onlyFindings("INSTALLED_APPS = INSTALLED_APPS + [\"allauth.mfa\"]\nACCOUNT_LOGIN_BY_CODE_ENABLED = True\n"), [])
        // All three at once.
        let all = try onlyFindings("SOCIALACCOUNT_ONLY = True\nINSTALLED_APPS = INSTALLED_APPS + [\"allauth.mfa\"]\nACCOUNT_LOGIN_BY_CODE_ENABLED = 1\n")
        XCTAssertEqual(Set(all.map(\.code)), ["socialaccount-only-email-verification", "socialaccount-only-login-by-code", "socialaccount-only-mfa"])
    }

    // MARK: Scopes shared by two apps

    /// A provider-level SCOPE applies to every app of the provider: with a settings APP and a
    /// database app both visible (itself an error), its bad scope is one finding at the SCOPE's
    /// provider entry, not one per app (the dashboard listed the same line twice). Each app's
    /// entry still shows it on the providers screen.
    func testProviderLevelScopeProblemIsOneFindingAtTheSetting() throws {
        let r = try build("""
            SOCIALACCOUNT_PROVIDERS = {
                "microsoft": {
                    "APP": {"client_id": "ms-client-0001", "secret": "ms-secret-value", "settings": {"tenant": "organizations"}},
                    "SCOPE": ["User.Read", "User.Reaad"],
                },
            }
            """, database: Self.database([Self.app(7, "microsoft", settings: ["tenant": "organizations"])]))
        XCTAssertEqual(findings(r, "app-duplicated").count, 1)
        let scope = findings(r, "undocumented-scope")
        XCTAssertEqual(scope.count, 1, scope.map { $0.location ?? "-" }.joined(separator: ", "))
        XCTAssertEqual(scope.first?.location, "settings.py:10")
        XCTAssertTrue(scope.first?.message.contains("User.Reaad") ?? false)
        let entries = r.entries.filter { $0.id == "microsoft" }
        XCTAssertEqual(entries.count, 2)
        for entry in entries { XCTAssertEqual(entry.warnings.filter { $0.code == "undocumented-scope" }.count, 1) }
    }

    /// An app's own settings.scope is that app's: two apps with the same bad scope in their own
    /// settings are two findings, each at its app.
    func testAppLevelScopeProblemsStayPerApp() throws {
        let r = try build("""
            SOCIALACCOUNT_PROVIDERS = {
                "microsoft": {
                    "APP": {"client_id": "ms-client-0001", "secret": "ms-secret-value",
                            "settings": {"tenant": "organizations", "scope": ["User.Reaad"]}},
                },
            }
            """, database: Self.database([DatabaseApp(id: 7, provider: "microsoft", providerID: "", name: "microsoft",
                                                      clientID: "client-7-0001", secretLength: 20, keyLength: 0,
                                                      settings: ["tenant": "organizations"], scopes: ["User.Reaad"],
                                                      settingsKeys: ["tenant", "scope"], siteIDs: [1])]))
        let scope = findings(r, "undocumented-scope")
        XCTAssertEqual(scope.map { $0.location ?? "-" }.sorted(), ["settings.py:11", "socialaccount_socialapp id=7"])
    }
}
