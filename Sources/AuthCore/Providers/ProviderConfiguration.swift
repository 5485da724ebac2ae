import Foundation

/// Everything the provider view is built from. All optional: a project without a database, a
/// database without a project, or settings too dynamic to read all still give a report.
public struct ProviderConfigurationInput: Sendable {
    public var settings: DjangoSettings?
    /// Why the settings could not be read, when they could not (shown as a finding).
    public var settingsProblem: String?
    public var database: DatabaseProviderConfig?
    /// Why the database was not read, when it was not.
    public var databaseProblem: String?
    /// A dump of `settings.SOCIALACCOUNT_PROVIDERS` (`--providers-json`), used instead of the settings' value.
    public var providersJSON: ProvidersJSON?
    /// `--base-url`, already checked with `SiteAddress.parse(baseURL:)`.
    public var baseURL: SiteAddress?
    public var usage: [ProviderUsage]
    /// Where allauth.urls is included; read from the settings' ROOT_URLCONF when nil.
    public var urls: AllauthURLInfo?

    public init(settings: DjangoSettings? = nil, settingsProblem: String? = nil, database: DatabaseProviderConfig? = nil,
                databaseProblem: String? = nil, providersJSON: ProvidersJSON? = nil, baseURL: SiteAddress? = nil,
                usage: [ProviderUsage] = [], urls: AllauthURLInfo? = nil) {
        self.settings = settings
        self.settingsProblem = settingsProblem
        self.database = database
        self.databaseProblem = databaseProblem
        self.providersJSON = providersJSON
        self.baseURL = baseURL
        self.usage = usage
        self.urls = urls
    }
}

/// The merged view: one entry per app (and per installed provider with no app), the problems
/// found in the project as a whole, and how the URLs were built.
public struct ProviderConfigurationReport: Sendable {
    public var entries: [ProviderEntry]
    /// Findings about the project as a whole (entries carry their own in `warnings`).
    public var findings: [Finding]
    /// Provider ids installed through INSTALLED_APPS; nil when INSTALLED_APPS is unknown.
    public var installedProviderIDs: [String]?
    /// Scheme and host of the callback URLs; nil when no host is known (URLs are paths then).
    public var site: SiteAddress?
    public var urls: AllauthURLInfo
    /// For people: what was read, what was not, and defaults applied.
    public var notes: [String]
    /// One snippet request per stored id, for `snippet --all`.
    public var snippetRequests: [SnippetRequest]
    /// `SOCIALACCOUNT_OPENID_CONNECT_URL_PREFIX` (default `oidc`).
    public var oidcPrefix: String

    /// A snippet for one provider: a configured stored id (`corp-sso`), else a provider from the
    /// catalogue with its recommended scopes (OIDC and SAML get a placeholder provider_id).
    public func snippetRequest(for name: String) -> SnippetRequest? {
        if let configured = snippetRequests.first(where: { $0.storedID == name }) { return configured }
        guard let info = ProviderCatalog.info(name), !ProviderConfigurationBuilder.appless.contains(name) else { return nil }
        let storedID = info.kind == "openid_connect" ? "my-oidc" : info.kind == "saml" ? "my-org" : info.id
        let paths = CallbackURLs.paths(for: info, appProviderID: info.kind == "openid_connect" ? storedID : nil,
                                       clientID: info.kind == "saml" ? storedID : nil, allauthPrefix: urls.prefix, oidcPrefix: oidcPrefix)
        return SnippetRequest(info: info, storedID: storedID, scopes: ScopeAdvice.recommended(for: info),
                              callbackURL: paths.callback.map { path in site.map { $0.origin + path } ?? path }, serverURL: nil)
    }

    /// The project findings and every entry's findings, each once, errors first.
    public var allFindings: [Finding] {
        var seen: Set<String> = []
        var out: [Finding] = []
        for f in findings + entries.flatMap(\.warnings) {
            let key = [f.code, f.location ?? "", f.providerID ?? "", f.message].joined(separator: "\u{1}")
            if seen.insert(key).inserted { out.append(f) }
        }
        return out.enumerated().sorted { a, b in
            a.element.severity != b.element.severity ? a.element.severity > b.element.severity : a.offset < b.offset
        }.map(\.element)
    }

    public var hasErrors: Bool { allFindings.contains { $0.severity == .error } }
}

/// What allauth's `get_app(provider=id)` does for a stored id on the current site.
public enum AppLookup: String, Equatable, Sendable {
    case ok
    case doesNotExist = "DoesNotExist"
    case multipleObjectsReturned = "MultipleObjectsReturned"
}

extension SiteAddress {
    /// `https://host[:port]` (a trailing slash is allowed); nil when not a URL of that form.
    public static func parse(baseURL text: String) -> SiteAddress? {
        guard let range = text.range(of: "://") else { return nil }
        let scheme = text[..<range.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        var rest = String(text[range.upperBound...])
        if rest.hasSuffix("/") { rest.removeLast() }
        guard !rest.isEmpty, !rest.contains("/"), !rest.contains("@"), !rest.contains("?"), !rest.contains("#"),
              rest.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F && !UntrustedText.needsReplacement($0) }) else { return nil }
        return SiteAddress(scheme: scheme, host: rest, schemeSource: "--base-url", hostSource: "--base-url")
    }
}

public enum ProviderConfigurationBuilder {
    /// Providers that work without any app (allauth's `uses_apps = False`).
    static let appless: Set<String> = ["openid", "dummy"]
    /// Provider ids that only exist through OIDC/SAML apps: no entry of their own.
    static let subProviderClasses: Set<String> = ["openid_connect", "saml"]

    public static func build(_ input: ProviderConfigurationInput) -> ProviderConfigurationReport {
        var b = Build(input: input)
        return b.run()
    }
}

/// The state of one build; every step reads the input and adds entries, findings and notes.
struct Build {
    let input: ProviderConfigurationInput
    let settings: DjangoSettings?
    var notes: [String] = []
    var findings: [Finding] = []

    // Derived project facts.
    var installedApps: [String]?
    var installedIDs: [String]?
    var sitesEnabled = true
    var siteID: Int64 = 1
    var siteIDIsSet = false
    var queryEmail = false
    var urls: AllauthURLInfo
    var oidcPrefix = "oidc"
    var site: SiteAddress?
    var urlNotes: [String] = []

    // Apps.
    var providerSettings: [ProviderSettingsEntry] = []
    var apps: [AppCandidate] = []

    init(input: ProviderConfigurationInput) {
        self.input = input
        self.settings = input.settings
        if let given = input.urls {
            urls = given
        } else if let settings = input.settings {
            urls = AllauthURLs.locate(settings: settings)
        } else {
            urls = AllauthURLs.unknown(rootURLConf: nil, note: "no settings were read, so the allauth URL prefix is assumed to be \(AllauthURLInfo.defaultPrefix)")
        }
    }

    func setting(_ name: String) -> SettingValue? { settings?.value(of: name) }

    func location(_ name: String) -> String? { setting(name)?.location.description ?? settings.map { $0.settingsFileDisplayPath } }

    mutating func run() -> ProviderConfigurationReport {
        readProject()
        readApps()
        resolveSite()
        var entries = makeEntries()
        entries.sort { ($0.id, $0.provider, $0.source) < ($1.id, $1.provider, $1.source) }
        var checks = ProjectChecks(build: self)
        findings += checks.run()
        findings += orphanedAccounts(entries)
        return ProviderConfigurationReport(entries: entries, findings: findings, installedProviderIDs: installedIDs, site: site,
                                           urls: urls, notes: notes, snippetRequests: snippetRequests(entries), oidcPrefix: oidcPrefix)
    }

    // MARK: Project facts

    mutating func readProject() {
        if settings == nil {
            notes.append(input.settingsProblem.map { "settings not read: \($0)" } ?? "no Django project: settings not read")
        }
        if input.database == nil {
            notes.append(input.databaseProblem.map { "database not read: \($0); database apps, sites and usage unknown" }
                         ?? "no database: database apps, sites and usage unknown")
        }
        if let value = setting("INSTALLED_APPS")?.value.resolved {
            switch value {
            case .list(let items), .tuple(let items):
                installedApps = items.compactMap(\.stringValue)
                if installedApps?.count != items.count { notes.append("some INSTALLED_APPS entries are built at run time and were skipped") }
            default:
                notes.append("INSTALLED_APPS is built at run time: which providers are installed is unknown")
            }
        } else if settings != nil {
            notes.append("INSTALLED_APPS is not set in the settings read: which providers are installed is unknown")
        }
        if let apps = installedApps {
            var ids: [String] = []
            for app in apps {
                let package = Self.packageName(app)
                if let info = ProviderCatalog.info(package: package) { ids.append(info.id); continue }
                if package.hasPrefix("allauth.socialaccount.providers.") {
                    // A removed provider (keycloak, ...) or an unknown one: its import fails.
                    continue
                }
            }
            installedIDs = ids
            sitesEnabled = apps.contains { Self.packageName($0) == "django.contrib.sites" }
        } else if let db = input.database {
            sitesEnabled = db.siteLinksExist
        }
        if let id = setting("SITE_ID")?.value.resolved, case .int(let n) = id {
            siteID = Int64(n)
            siteIDIsSet = true
        }
        queryEmail = Self.queryEmail(settings)
        if let prefix = setting("SOCIALACCOUNT_OPENID_CONNECT_URL_PREFIX")?.value.stringValue { oidcPrefix = prefix }
    }

    /// `allauth.socialaccount.providers.github.apps.GitHubConfig` → `allauth.socialaccount.providers.github`.
    static func packageName(_ app: String) -> String {
        if let range = app.range(of: ".apps.") { return String(app[..<range.lowerBound]) }
        return app
    }

    /// allauth: QUERY_EMAIL defaults to EMAIL_REQUIRED, which defaults to "email*" in ACCOUNT_SIGNUP_FIELDS
    /// (or, without SIGNUP_FIELDS, the deprecated ACCOUNT_EMAIL_REQUIRED).
    static func queryEmail(_ settings: DjangoSettings?) -> Bool {
        func bool(_ name: String) -> Bool? {
            guard let v = settings?.value(of: name)?.value.resolved else { return nil }
            return ProviderSettingsReader.truthy(v)
        }
        if let q = bool("SOCIALACCOUNT_QUERY_EMAIL") { return q }
        if let r = bool("SOCIALACCOUNT_EMAIL_REQUIRED") { return r }
        let fields = ProviderSettingsReader.stringList(settings?.value(of: "ACCOUNT_SIGNUP_FIELDS")?.value) ?? []
        if !fields.isEmpty { return fields.contains("email*") }
        return bool("ACCOUNT_EMAIL_REQUIRED") ?? false
    }

    func isInstalled(_ id: String) -> Bool {
        guard let installedIDs else { return ProviderCatalog.info(id) != nil }
        return installedIDs.contains(id)
    }

    /// The class allauth's registry returns for an id, if installed.
    func registryClass(_ id: String) -> ProviderInfo? {
        guard isInstalled(id) else { return nil }
        return ProviderCatalog.info(id)
    }

    // MARK: Apps

    mutating func readApps() {
        var value: PythonValue?
        var locator: SettingsLocator?
        var conditional: ConditionalApps?
        var isJSON = false
        if let json = input.providersJSON {
            value = json.value
            isJSON = true
            notes.append("SOCIALACCOUNT_PROVIDERS read from \(json.displayName) instead of the settings")
        } else if let settings, let setting = settings.value(of: SettingsLocator.name) {
            value = setting.value
            let found = SettingsLocator(settings: settings)
            locator = found
            conditional = ConditionalApps(setting: setting, locator: found)
        }
        if let value {
            var reader = ProviderSettingsReader(originIsJSON: isJSON, locator: locator, conditional: conditional)
            providerSettings = reader.read(value)
            if isJSON, let name = input.providersJSON?.displayName {
                for i in providerSettings.indices {
                    providerSettings[i].location = name
                    for j in providerSettings[i].apps.indices { providerSettings[i].apps[j].location = name }
                }
            }
            for note in reader.notes {
                findings.append(Finding(code: "providers-unreadable", severity: .warning,
                                        message: "the console cannot read the provider settings, so apps configured there are not shown: \(note)",
                                        fix: "pass --providers-json FILE with the output of `python manage.py shell -c \"import json; from django.conf import settings; print(json.dumps(settings.SOCIALACCOUNT_PROVIDERS, default=str))\"`",
                                        location: location(SettingsLocator.name), providerID: nil))
            }
        }
        apps = providerSettings.flatMap(\.apps)
        if let db = input.database {
            apps += db.apps.map { $0.candidate(sitesEnabled: sitesEnabled, siteID: siteID) }
        }
    }

    func providerConfig(_ key: String) -> ProviderSettingsEntry? { providerSettings.first { $0.key == key } }

    /// The apps `get_app(provider=id)` considers, in allauth's order (database, then settings).
    func reachable(_ id: String) -> [AppCandidate] {
        let matching = apps.filter { $0.visible && ($0.provider == id || $0.providerID == id) }
        return matching.filter { $0.origin.isDatabase } + matching.filter { !$0.origin.isDatabase }
    }

    func lookup(_ id: String) -> AppLookup {
        let found = reachable(id)
        if found.isEmpty { return .doesNotExist }
        if found.count > 1 && found.filter({ !$0.hidden }).count != 1 { return .multipleObjectsReturned }
        return .ok
    }

    // MARK: Site

    mutating func resolveSite() {
        var scheme = "http"
        var schemeSource = "allauth's default (ACCOUNT_DEFAULT_HTTP_PROTOCOL is not set)"
        if let protocolSetting = setting("ACCOUNT_DEFAULT_HTTP_PROTOCOL"), let p = protocolSetting.value.stringValue {
            scheme = p.lowercased()
            schemeSource = "ACCOUNT_DEFAULT_HTTP_PROTOCOL (\(protocolSetting.location))"
        }
        if let given = input.baseURL {
            site = given
            urlNotes.append("scheme and host from --base-url")
            return
        }
        var host: String?
        var hostSource = ""
        if let db = input.database, let row = db.sites.first(where: { $0.id == siteID }) {
            if row.domain == "example.com" {
                urlNotes.append("django_site \(siteID) is still example.com, so its domain is not used as the host")
            } else if !row.domain.isEmpty {
                host = row.domain
                hostSource = "django_site id=\(siteID)"
            }
        }
        if host == nil, let allowed = setting("ALLOWED_HOSTS") {
            let hosts = ProviderSettingsReader.stringList(allowed.value) ?? []
            let usable = hosts.compactMap { h -> String? in
                let trimmed = h.hasPrefix(".") ? String(h.dropFirst()) : h
                return trimmed.isEmpty || trimmed.contains("*") ? nil : trimmed
            }
            let local: Set<String> = ["localhost", "127.0.0.1", "[::1]", "0.0.0.0"]
            if let pick = usable.first(where: { !local.contains($0) }) ?? usable.first {
                host = pick
                hostSource = "ALLOWED_HOSTS (\(allowed.location))"
            }
        }
        guard let host else {
            urlNotes.append("no host known (no --base-url, usable django_site row or ALLOWED_HOSTS entry): URLs are shown as paths; pass --base-url https://your.site")
            return
        }
        site = SiteAddress(scheme: scheme, host: host, schemeSource: schemeSource, hostSource: hostSource)
        urlNotes.append("host from \(hostSource); scheme from \(schemeSource); allauth takes the host from each request, so pass --base-url with the public address")
    }
}
