import Foundation
import XCTest
@testable import AuthCore

/// The provider view against real Django + allauth: Tests/Fixtures/projects/expected/*.json hold
/// what reverse(), get_app() and get_scope() returned in each project (see the README there).
enum OracleProjects {
    static let layouts = ["app_form", "apps_oidc", "split_settings", "custom_prefix", "empty_oidc_prefix", "db_apps",
                          "misconfigured", "misconfigured_runnable", "namespaced_include", "namespaced_include_tuple", "socialaccount_only",
                          "all_providers"]
    static let baseURL = "https://console.example.test"

    static var folder: String { Fixtures.packageRoot + "/Tests/Fixtures/projects" }

    /// CI points this at expectations regenerated with the current Django and allauth.
    static var expectedFolder: String {
        if let dir = ProcessInfo.processInfo.environment["AUTHCONSOLE_PROJECT_EXPECTED"], !dir.isEmpty { return dir }
        return folder + "/expected"
    }

    static func expected(_ layout: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: expectedFolder + "/\(layout).expected.json"))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// The builder run as the console runs it on the layout: its settings (with its .env), its
    /// database when it has one, and the oracle's base URL.
    static func report(_ layout: String, baseURL: String? = OracleProjects.baseURL) throws -> ProviderConfigurationReport {
        let root = folder + "/" + layout
        let settings = try ProjectSettings.load(currentFolder: root, settingsFile: nil, environment: [:])
        var database: DatabaseProviderConfig?
        var usage: [ProviderUsage] = []
        if FileManager.default.fileExists(atPath: root + "/db.sqlite3") {
            let store = try AuthStore(connection: SQLiteConnection(path: root + "/db.sqlite3"))
            database = try store.databaseProviderConfig()
            usage = try store.stats(now: try XCTUnwrap(UTCDateTime(iso8601: "2026-06-15T12:00:00Z")), days: 30).providers
        }
        return ProviderConfigurationBuilder.build(ProviderConfigurationInput(
            settings: settings, database: database, baseURL: baseURL.flatMap(SiteAddress.parse(baseURL:)), usage: usage))
    }
}

final class ProviderOracleTests: XCTestCase {
    func testEveryLayoutMatchesWhatAllauthDid() throws {
        var compared = 0
        for layout in OracleProjects.layouts where layout != "all_providers" {
            let expected = try OracleProjects.expected(layout)
            let report = try OracleProjects.report(layout)
            guard let providers = expected["providers"] as? [[String: Any]] else {
                // Django did not start (misconfigured): the doctor tests cover it.
                XCTAssertEqual(layout, "misconfigured")
                continue
            }
            let oraclePairs = Set(providers.map { "\($0.string("id") ?? "") \($0.string("provider") ?? "")" })
            let ourPairs = Set(report.entries.map { "\($0.id) \($0.provider)" })
            XCTAssertEqual(ourPairs, oraclePairs, "\(layout): the (id, provider) pairs")
            if let prefix = expected["allauth_prefix"] as? String {
                XCTAssertEqual(report.urls.prefix, prefix, layout)
                XCTAssertTrue(report.urls.urlsResolve, layout)
            } else {
                XCTAssertFalse(report.urls.urlsResolve, "\(layout): allauth could not reverse its URLs")
            }
            for want in providers {
                let id = try XCTUnwrap(want.string("id")), provider = try XCTUnwrap(want.string("provider"))
                let ours = report.entries.filter { $0.id == id && $0.provider == provider }
                XCTAssertFalse(ours.isEmpty, "\(layout) \(id) \(provider)")
                let lookup = try XCTUnwrap(want.string("app_lookup"))
                let installed = want["installed"] as? Bool ?? true
                for entry in ours {
                    let what = "\(layout) \(id) \(provider) (\(entry.source))"
                    compared += 1
                    XCTAssertEqual(entry.callbackURL, want.string("callback_url"), what)
                    XCTAssertEqual(entry.loginURL, want.string("login_url"), what)
                    XCTAssertEqual(entry.lookup.rawValue, lookup, what)
                    XCTAssertEqual(entry.status == .notInstalled, !installed, what)
                    if installed {
                        switch lookup {
                        case "MultipleObjectsReturned": XCTAssertEqual(entry.status, .duplicated, what)
                        case "DoesNotExist": XCTAssertTrue([.invisible, .missingCredentials].contains(entry.status), what)
                        default: XCTAssertFalse([.invisible, .duplicated].contains(entry.status), what)
                        }
                    }
                    if let scopes = want["scopes"] as? [String] {
                        XCTAssertEqual(entry.scopes, scopes, what)
                    } else if let app = matchingApp(entry, in: want.list("apps")), let scopes = app["scopes"] as? [String] {
                        // The lookup failed, so the oracle has each app's own scopes.
                        XCTAssertEqual(entry.scopes, scopes, what + " app scopes")
                    }
                    if entry.status != .notInstalled, let app = matchingApp(entry, in: want.list("apps")) {
                        XCTAssertEqual(entry.secret.keyword == "set", (app.dict("secret")?.string("state")) == "set", what + " secret")
                    }
                }
            }
        }
        XCTAssertGreaterThanOrEqual(compared, 28)
    }

    /// The oracle's app for an entry: the database row with the same id, or the settings app.
    func matchingApp(_ entry: ProviderEntry, in apps: [[String: Any]]) -> [String: Any]? {
        if entry.source.hasPrefix("database app #") {
            let digits = entry.source.dropFirst("database app #".count).prefix { $0.isNumber }
            return apps.first { $0.int("db_id") == Int(digits) }
        }
        let settingsApps = apps.filter { $0.string("source") == "settings" }
        return settingsApps.count == 1 ? settingsApps.first : nil
    }

    func testAll125ProvidersCallbackAndLoginEqualReverse() throws {
        let expected = try OracleProjects.expected("all_providers")
        let providers = expected.list("providers")
        XCTAssertEqual(providers.count, 125)
        XCTAssertEqual(ProviderCatalog.all.count, 125)
        for want in providers {
            let id = try XCTUnwrap(want.string("id")), provider = try XCTUnwrap(want.string("provider"))
            let info = try XCTUnwrap(ProviderCatalog.info(provider), provider)
            XCTAssertEqual(info.kind, want.string("kind"), provider)
            XCTAssertEqual(info.slug, want.string("slug"), provider)
            let paths = CallbackURLs.paths(for: info, appProviderID: info.kind == "openid_connect" ? id : nil,
                                           clientID: info.kind == "saml" ? id : nil, allauthPrefix: "/accounts/", oidcPrefix: "oidc")
            XCTAssertEqual(paths.callback.map { OracleProjects.baseURL + $0 }, want.string("callback_url"), provider)
            XCTAssertEqual(OracleProjects.baseURL + paths.login, want.string("login_url"), provider)
        }
    }

    func testAllProvidersProjectThroughTheBuilder() throws {
        let expected = try OracleProjects.expected("all_providers")
        let byID = Dictionary(expected.list("providers").map { ($0.string("id") ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        let report = try OracleProjects.report("all_providers")
        XCTAssertEqual(report.installedProviderIDs?.count, 125)
        // openid_connect and saml have no entry without an app; every other installed provider has one.
        XCTAssertEqual(report.entries.count, 123)
        for entry in report.entries {
            let want = try XCTUnwrap(byID[entry.id], entry.id)
            XCTAssertEqual(entry.callbackURL, want.string("callback_url"), entry.id)
            XCTAssertEqual(entry.loginURL, want.string("login_url"), entry.id)
            XCTAssertEqual(entry.lookup, .doesNotExist, entry.id)
            XCTAssertEqual(entry.status, ["openid", "dummy"].contains(entry.id) ? .ready : .missingCredentials, entry.id)
        }
    }

    func testHostAndSchemeSourcesWithoutBaseURL() throws {
        // db_apps: django_site 1 is still example.com, so ALLOWED_HOSTS gives the host.
        let db = try OracleProjects.report("db_apps", baseURL: nil)
        XCTAssertEqual(db.site?.origin, "https://console.example.test")
        XCTAssertEqual(db.site?.hostSource, "ALLOWED_HOSTS (community/settings.py:9)")
        XCTAssertEqual(db.site?.schemeSource, "ACCOUNT_DEFAULT_HTTP_PROTOCOL (community/settings.py:70)")
        // split_settings: ALLOWED_HOSTS from env.list's default in production.py.
        let split = try OracleProjects.report("split_settings", baseURL: nil)
        XCTAssertEqual(split.site?.host, "console.example.test")
        XCTAssertEqual(split.entries.first { $0.id == "gitlab" }?.callbackURL, "https://console.example.test/accounts/gitlab/login/callback/")
        // misconfigured_runnable says "http": allauth forces nothing, the URL shown follows the setting.
        let http = try OracleProjects.report("misconfigured_runnable", baseURL: nil)
        XCTAssertEqual(http.site?.scheme, "http")
        XCTAssertEqual(http.entries.first { $0.id == "google" }?.callbackURL,
                       try OracleProjects.expected("misconfigured_runnable").list("providers").first { $0.string("id") == "google" }?.string("redirect_uri_if_request_is_http"))
    }

    func testUsageJoinsByStoredID() throws {
        let store = try Fixtures.store("default")
        let expected = try Fixtures.expected("default")
        let usage = try store.stats(now: try Fixtures.now(expected), days: 30).providers
        let report = ProviderConfigurationBuilder.build(ProviderConfigurationInput(database: try store.databaseProviderConfig(), usage: usage))
        let want = try XCTUnwrap(expected.dict("stats")?.dict("providers"))
        XCTAssertFalse(report.entries.isEmpty)
        for entry in report.entries {
            guard let counts = want.dict(entry.id) else { continue }
            XCTAssertEqual(entry.usage?.accountCount, counts.int("account_count"), entry.id)
            XCTAssertEqual(entry.usage?.providerLogins30d, counts.int("provider_logins_30d"), entry.id)
        }
        XCTAssertTrue(report.entries.contains { $0.provider == "openid_connect" && ($0.usage?.accountCount ?? 0) > 0 },
                      "OIDC accounts are stored under the provider_id")
    }
}
