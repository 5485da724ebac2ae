import Foundation

/// The doctor's project-wide checks: the seed's troubleshooting table and allauth's most common
/// failures (allauth-notes.md §1), each with what goes wrong for users and the fix.
struct ProjectChecks {
    let build: Build
    var findings: [Finding] = []

    init(build: Build) { self.build = build }

    mutating func add(_ code: String, _ severity: Severity, _ message: String, _ fix: String, at location: String?, provider: String? = nil) {
        findings.append(Finding(code: code, severity: severity, message: message, fix: fix, location: location, providerID: provider))
    }

    var settings: DjangoSettings? { build.settings }

    func strings(_ name: String) -> [String]? { build.setting(name).flatMap { ProviderSettingsReader.stringList($0.value) } }

    mutating func run() -> [Finding] {
        readingProblems()
        if settings != nil {
            installedApps()
            middleware()
            urlconf()
            templates()
            backends()
            protocolCheck()
            legacyServers()
            socialAccountOnly()
        }
        sites()
        migrations()
        return findings.map(markConditional)
    }

    /// The setting each project check reads, so that a conditional value says so.
    static let settingOfCode: [String: String] = [
        "account-middleware-missing": "MIDDLEWARE", "account-middleware-not-last": "MIDDLEWARE",
        "sites-after-socialaccount": "INSTALLED_APPS", "removed-provider": "INSTALLED_APPS", "site-id-unset": "SITE_ID",
        "site-id-missing": "SITE_ID", "request-context-processor-missing": "TEMPLATES",
        "auth-backend-missing": "AUTHENTICATION_BACKENDS", "http-callback-on-https-site": "ACCOUNT_DEFAULT_HTTP_PROTOCOL",
        "socialaccount-only-email-verification": "SOCIALACCOUNT_ONLY", "socialaccount-only-login-by-code": "SOCIALACCOUNT_ONLY",
        "socialaccount-only-mfa": "SOCIALACCOUNT_ONLY",
    ]

    func markConditional(_ f: Finding) -> Finding {
        guard let name = Self.settingOfCode[f.code], let setting = build.setting(name), setting.isConditional else { return f }
        let note = " (conditional: \(name) depends on a condition in the settings, \(setting.variants.count + 1) variants; the value that applies here was checked)"
        return Finding(code: f.code, severity: f.severity, message: f.message + note, fix: f.fix, location: f.location, providerID: f.providerID)
    }

    mutating func readingProblems() {
        if settings == nil, let problem = build.input.settingsProblem {
            add("settings-unreadable", .warning, "the settings could not be read, so only database apps are checked: \(problem)",
                "run authconsole from the project folder (where manage.py is) or pass --settings PATH", at: nil)
        }
        if let settings {
            for diagnostic in settings.diagnostics where diagnostic.severity == .error {
                add("settings-problem", .warning, "part of the settings could not be read, so some checks may be wrong: \(diagnostic.message)",
                    "fix the file, or pass --providers-json FILE for SOCIALACCOUNT_PROVIDERS", at: diagnostic.location?.description)
            }
            if let problem = settings.unsupportedLayout {
                add("settings-unsupported", .warning, "the settings are written in a way the console cannot read: \(problem.message)",
                    "pass --providers-json FILE with a dump of SOCIALACCOUNT_PROVIDERS", at: problem.location?.description)
            }
        }
    }

    mutating func installedApps() {
        guard let apps = build.installedApps else { return }
        let at = build.location("INSTALLED_APPS")
        let packages = apps.map(Build.packageName)
        if let sites = packages.firstIndex(of: "django.contrib.sites"), let social = packages.firstIndex(of: "allauth.socialaccount"), sites > social {
            add("sites-after-socialaccount", .info,
                "django.contrib.sites comes after allauth.socialaccount in INSTALLED_APPS. Nothing fails with Django 5.2 and allauth 65 (setup, migrate and app lookups all work), but allauth's installation guide lists sites first",
                "move \"django.contrib.sites\" above \"allauth.socialaccount\"", at: at)
        }
        for package in packages where package.hasPrefix("allauth.socialaccount.providers.") {
            let name = String(package.dropFirst("allauth.socialaccount.providers.".count))
            if let replacement = ProviderCatalog.removed[name] {
                add("removed-provider", .error,
                    "INSTALLED_APPS lists \(package), which allauth no longer has: Django fails to start (ModuleNotFoundError)",
                    "remove it and migrate to \(replacement)", at: at, provider: name)
            }
        }
        if build.sitesEnabled && !build.siteIDIsSet && packages.contains("allauth.socialaccount") {
            add("site-id-unset", .warning,
                "SITE_ID is not set, so Django looks the site up by the request's host: a host missing from django_site raises \"Site matching query does not exist\" and database apps are filtered by that site",
                "set SITE_ID = 1 (the id of your row in django_site)", at: settings?.settingsFileDisplayPath)
        }
    }

    mutating func middleware() {
        guard build.installedApps?.contains("allauth.account") ?? true, let setting = build.setting("MIDDLEWARE"),
              let list = ProviderSettingsReader.stringList(setting.value) else { return }
        let name = "allauth.account.middleware.AccountMiddleware"
        if !list.contains(name) {
            add("account-middleware-missing", .error,
                "allauth.account.middleware.AccountMiddleware is not in MIDDLEWARE: Django refuses to start (ImproperlyConfigured), so the whole site is down",
                "add \"\(name)\" to MIDDLEWARE (last)", at: setting.location.description)
        } else if list.last != name {
            add("account-middleware-not-last", .warning,
                "AccountMiddleware is not the last entry of MIDDLEWARE. allauth only checks that it is present, but its installation guide puts it last so that it sees the response after the other middleware",
                "move \"\(name)\" to the end of MIDDLEWARE", at: setting.location.description)
        }
    }

    mutating func urlconf() {
        let urls = build.urls
        switch urls.state {
        case .found:
            if let form = urls.namespaceForm {
                let what = form == .keyword
                    ? "Django refuses to load the URLconf (ImproperlyConfigured: namespace without app_name), so every page fails"
                    : "allauth reverses its URL names without a namespace, so every allauth page and provider login fails (NoReverseMatch)"
                add("allauth-urls-namespaced", .error, "allauth.urls is included with a namespace: \(what)",
                    "include it without one: path(\"\(String(urls.prefix.dropFirst()))\", include(\"allauth.urls\"))", at: urls.location?.description)
            }
            if let reason = urls.prefixDynamicReason {
                add("allauth-urls-prefix-dynamic", .info, "the allauth URL prefix may differ at run time (\(reason)); the callback URLs shown may be wrong",
                    "pass the real callback URL to the provider; check it with the login page's address", at: urls.location?.description)
            }
        case .notFound:
            if urls.buildsProviderURLPatterns {
                add("allauth-urls-custom", .info, "allauth.urls is not included; the project builds its own provider URLs, so the callback URLs shown assume \(urls.prefix)",
                    "check the callback URLs against the project's own URL list", at: build.location("ROOT_URLCONF"))
            } else {
                add("allauth-urls-missing", .error,
                    "allauth.urls is not included in the root URLconf or the project URLconfs it includes: login pages and provider callbacks are 404 (NoReverseMatch in templates)",
                    "add path(\"accounts/\", include(\"allauth.urls\")) to urlpatterns in \(urls.rootURLConf ?? "the root urls.py")", at: build.location("ROOT_URLCONF"))
            }
        case .unknown:
            add("urls-unreadable", .warning, "the root URLconf could not be read: \(urls.notes.first ?? "")",
                "check ROOT_URLCONF; the callback URLs shown assume \(urls.prefix)", at: build.location("ROOT_URLCONF"))
        }
    }

    mutating func templates() {
        guard let setting = build.setting("TEMPLATES"), case .list(let backends)? = setting.value.resolved else { return }
        for backend in backends where backend["BACKEND"]?.stringValue == "django.template.backends.django.DjangoTemplates" {
            guard let processors = ProviderSettingsReader.stringList(backend["OPTIONS"]?["context_processors"]) else {
                if backend["OPTIONS"]?["context_processors"] == nil {
                    add("request-context-processor-missing", .warning,
                        "the DjangoTemplates backend has no context_processors, so templates get no `request`: allauth's templates and {% provider_login_url %} need it (Django admin warns admin.W411)",
                        "add \"django.template.context_processors.request\" to TEMPLATES[...][\"OPTIONS\"][\"context_processors\"]", at: setting.location.description)
                }
                continue
            }
            if !processors.contains("django.template.context_processors.request") {
                add("request-context-processor-missing", .warning,
                    "the DjangoTemplates backend lacks django.template.context_processors.request: allauth's templates and {% provider_login_url %} need `request` in the context (Django admin warns admin.W411)",
                    "add \"django.template.context_processors.request\" to TEMPLATES[...][\"OPTIONS\"][\"context_processors\"]", at: setting.location.description)
            }
        }
    }

    mutating func backends() {
        // Without INSTALLED_APPS or AUTHENTICATION_BACKENDS (settings not readable) there is nothing to go on.
        guard build.installedApps?.contains("allauth.account") ?? (build.setting("AUTHENTICATION_BACKENDS") != nil) else { return }
        let backend = "allauth.account.auth_backends.AuthenticationBackend"
        let setting = build.setting("AUTHENTICATION_BACKENDS")
        let list = setting.flatMap { ProviderSettingsReader.stringList($0.value) } ?? (setting == nil ? ["django.contrib.auth.backends.ModelBackend"] : [backend])
        guard !list.contains(backend) else { return }
        let methods = strings("ACCOUNT_LOGIN_METHODS") ?? []
        let byEmail = methods.contains("email") || build.setting("ACCOUNT_AUTHENTICATION_METHOD")?.value.stringValue?.contains("email") == true
        add("auth-backend-missing", byEmail ? .error : .warning,
            byEmail ? "allauth's AuthenticationBackend is not in AUTHENTICATION_BACKENDS: login by email fails with \"incorrect e-mail address and/or password\" for every user"
                    : "allauth's AuthenticationBackend is not in AUTHENTICATION_BACKENDS: allauth's login methods (email, login codes) cannot authenticate; only Django's username login works",
            "add \"\(backend)\" to AUTHENTICATION_BACKENDS (keep \"django.contrib.auth.backends.ModelBackend\" for the admin)",
            at: setting?.location.description ?? settings?.settingsFileDisplayPath)
    }

    mutating func protocolCheck() {
        let protocolValue = build.setting("ACCOUNT_DEFAULT_HTTP_PROTOCOL")?.value.stringValue?.lowercased() ?? "http"
        guard protocolValue != "https" else { return }
        let proxy = build.setting("SECURE_PROXY_SSL_HEADER")
        let httpsBase = build.input.baseURL?.scheme == "https"
        guard proxy != nil || httpsBase else { return }
        let why = proxy != nil ? "SECURE_PROXY_SSL_HEADER is set (the site is served over https behind a proxy)" : "--base-url is https"
        add("http-callback-on-https-site", .warning,
            "ACCOUNT_DEFAULT_HTTP_PROTOCOL is \"\(protocolValue)\" while \(why): whenever Django sees a request as plain http, allauth sends an http:// redirect_uri and providers answer redirect_uri_mismatch",
            "set ACCOUNT_DEFAULT_HTTP_PROTOCOL = \"https\"",
            at: build.setting("ACCOUNT_DEFAULT_HTTP_PROTOCOL")?.location.description ?? proxy?.location.description)
    }

    mutating func legacyServers() {
        for config in build.providerSettings where config.usesLegacyServers {
            let dropped = config.keys.filter { $0 != "SERVERS" }
            add("legacy-servers", .warning,
                "openid_connect uses the legacy SERVERS format; allauth rewrites it into APPS and silently drops every other key" + (dropped.isEmpty ? "" : " (\(dropped.joined(separator: ", ")) ignored, so those scopes are not asked for)"),
                "rewrite it as \"APPS\": [{\"provider_id\": ..., \"name\": ..., \"client_id\": ..., \"secret\": ..., \"settings\": {\"server_url\": ...}}] (authconsole snippet --all)",
                at: config.location, provider: "openid_connect")
        }
    }

    /// Python truthiness of a setting: its default when it is not set, nil when its value is only
    /// known at run time (no finding then, never a guess).
    func truth(_ name: String, default dflt: Bool) -> Bool? {
        guard let setting = build.setting(name) else { return dflt }
        switch setting.value.resolved {
        case .bool(let b)?: return b
        case .int(let i)?: return i != 0
        case .float(let f)?: return f != 0
        case .string(let s)?: return !s.isEmpty
        case .none?: return false
        case .list(let l)?, .tuple(let l)?, .set(let l)?: return !l.isEmpty
        case .dict(let d)?: return !d.isEmpty
        default: return nil
        }
    }

    /// allauth's own system checks for SOCIALACCOUNT_ONLY (account/checks.py and
    /// socialaccount/checks.py in 65.x), all Critical: ACCOUNT_EMAIL_VERIFICATION and
    /// SOCIALACCOUNT_EMAIL_VERIFICATION must be "none", ACCOUNT_LOGIN_BY_CODE_ENABLED must be off
    /// and allauth.mfa must not be installed.
    mutating func socialAccountOnly() {
        // A custom getter can serve every allauth setting from elsewhere.
        guard build.setting("ALLAUTH_SETTING_GETTER") == nil, truth("SOCIALACCOUNT_ONLY", default: false) == true else { return }
        let only = build.location("SOCIALACCOUNT_ONLY")
        let stops = "allauth's system check rejects it (Critical), so manage.py migrate, runserver and check stop with SystemCheckError and a deployment that migrates or checks does not start"
        // ACCOUNT_EMAIL_VERIFICATION: default "optional"; True means "mandatory", False "optional".
        let account = build.setting("ACCOUNT_EMAIL_VERIFICATION")
        var accountValue: String?
        switch account?.value.resolved {
        case nil where account == nil: accountValue = "optional"
        case .bool(let b)?: accountValue = b ? "mandatory" : "optional"
        case .string(let s)?: accountValue = s
        default: accountValue = nil
        }
        if let accountValue, accountValue != "none" {
            add("socialaccount-only-email-verification", .error,
                "SOCIALACCOUNT_ONLY = True requires ACCOUNT_EMAIL_VERIFICATION = \"none\", but it is \"\(SettingsError.printable(accountValue))\"\(account == nil ? " (allauth's default)" : ""): \(stops)",
                "set ACCOUNT_EMAIL_VERIFICATION = \"none\" (the provider vouches for the email), or drop SOCIALACCOUNT_ONLY",
                at: account?.location.description ?? only)
        }
        // SOCIALACCOUNT_EMAIL_VERIFICATION: defaults to "none" under SOCIALACCOUNT_ONLY; any other
        // value, None and booleans included, fails allauth's `!= "none"` test.
        if let social = build.setting("SOCIALACCOUNT_EMAIL_VERIFICATION") {
            var socialValue: String?
            switch social.value.resolved {
            case .string(let s)?: socialValue = s
            case .bool(let b)?: socialValue = b ? "True" : "False"
            case .none?: socialValue = "None"
            case .int(let i)?: socialValue = String(i)
            default: socialValue = nil
            }
            if let socialValue, socialValue != "none" {
                add("socialaccount-only-email-verification", .error,
                    "SOCIALACCOUNT_ONLY = True requires SOCIALACCOUNT_EMAIL_VERIFICATION = \"none\", but it is \(social.value.stringValue != nil ? "\"\(SettingsError.printable(socialValue))\"" : socialValue): \(stops)",
                    "set SOCIALACCOUNT_EMAIL_VERIFICATION = \"none\" or remove it (it defaults to \"none\" with SOCIALACCOUNT_ONLY)",
                    at: social.location.description)
            }
        }
        if truth("ACCOUNT_LOGIN_BY_CODE_ENABLED", default: false) == true {
            add("socialaccount-only-login-by-code", .error,
                "SOCIALACCOUNT_ONLY = True does not work with ACCOUNT_LOGIN_BY_CODE_ENABLED (login codes are a local login): \(stops)",
                "set ACCOUNT_LOGIN_BY_CODE_ENABLED = False, or drop SOCIALACCOUNT_ONLY",
                at: build.location("ACCOUNT_LOGIN_BY_CODE_ENABLED"))
        }
        if let apps = build.installedApps, apps.contains(where: { Build.packageName($0) == "allauth.mfa" }) {
            add("socialaccount-only-mfa", .error,
                "SOCIALACCOUNT_ONLY = True does not work with \"allauth.mfa\" in INSTALLED_APPS: \(stops)",
                "remove \"allauth.mfa\" from INSTALLED_APPS (the identity provider handles second factors), or drop SOCIALACCOUNT_ONLY",
                at: build.location("INSTALLED_APPS"))
        }
    }

    mutating func sites() {
        guard build.sitesEnabled, let db = build.input.database, !db.sites.isEmpty || db.siteLinksExist else { return }
        let siteSetting = build.setting("SITE_ID")
        guard let row = db.sites.first(where: { $0.id == build.siteID }) else {
            add("site-id-missing", .error,
                "SITE_ID \(build.siteID) is not a row of django_site: every page that needs the current site fails with \"Site matching query does not exist\", including every social login",
                "set SITE_ID to one of \(db.sites.map { "\($0.id) (\($0.domain))" }.joined(separator: ", ")), or add the site in the Django admin",
                at: siteSetting?.location.description ?? DjangoSchema.site)
            return
        }
        if row.domain == "example.com" {
            add("site-example-com", .warning,
                "django_site \(row.id) (SITE_ID) is still example.com: emails and links built without a request (confirmation mails, password resets from scripts) point at example.com",
                "change the site's domain and name in the Django admin (Sites) to the public host", at: "\(DjangoSchema.site) id=\(row.id)")
        }
    }

    mutating func migrations() {
        guard let db = build.input.database else { return }
        let social = db.migrations.first { $0.app == "socialaccount" && $0.name == "0001_initial" }
        let sites = db.migrations.first { $0.app == "sites" && $0.name == "0001_initial" }
        guard let social else { return }
        if let sites, sites.id > social.id {
            add("sites-migration-order", .error,
                "django_migrations shows socialaccount.0001_initial applied before sites.0001_initial: migrate fails with InconsistentMigrationHistory, so deployments that migrate cannot start",
                "python manage.py migrate socialaccount zero (this drops the social tables: back them up), then migrate sites, then migrate",
                at: DjangoSchema.migrations)
        } else if sites == nil, build.sitesEnabled, build.installedApps != nil {
            add("sites-migration-order", .error,
                "socialaccount is migrated but django.contrib.sites never was: with sites installed, migrate fails with InconsistentMigrationHistory (socialaccount.0001_initial is applied before its dependency sites.0001_initial)",
                "python manage.py migrate socialaccount zero (this drops the social tables: back them up), then migrate sites, then migrate",
                at: DjangoSchema.migrations)
        }
    }
}
