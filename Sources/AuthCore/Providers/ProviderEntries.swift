import Foundation

extension Build {
    /// One entry per app, then one per provider id with no app of its own: installed provider
    /// classes and settings keys without APP/APPS (the same pairs the oracle lists).
    func makeEntries() -> [ProviderEntry] {
        var entries: [ProviderEntry] = []
        var covered: Set<String> = []
        for app in apps {
            entries.append(entry(id: app.storedID, urlProvider: app.provider, app: app, borrowed: false))
            covered.insert(app.storedID + "\u{1}" + app.provider)
        }
        var ids: [String] = []
        for id in installedIDs ?? [] where !ProviderConfigurationBuilder.subProviderClasses.contains(id) { ids.append(id) }
        for config in providerSettings where config.apps.isEmpty && !ProviderConfigurationBuilder.subProviderClasses.contains(config.key) && !ids.contains(config.key) {
            ids.append(config.key)
        }
        for id in ids where !covered.contains(id + "\u{1}" + id) {
            // An OIDC/SAML app whose provider_id is this id is what allauth finds for it.
            let found = reachable(id)
            let app = lookup(id) == .ok ? (found.first { !$0.hidden } ?? found.first) : nil
            entries.append(entry(id: id, urlProvider: id, app: app, borrowed: app != nil))
        }
        return entries
    }

    func installedOrCustom(_ id: String) -> Bool {
        guard let installedIDs, let installedApps else { return true }
        if installedIDs.contains(id) { return true }
        if ProviderCatalog.info(id) != nil || ProviderCatalog.removed[id] != nil { return false }
        // A provider from a project package (grand-challenge's `gmail`): its app label is the last part.
        return installedApps.contains { !$0.hasPrefix("allauth.") && (Self.packageName($0) == id || Self.packageName($0).hasSuffix("." + id)) }
    }

    func origin(of app: AppCandidate) -> String {
        switch app.origin {
        case .settings(let form):
            return "settings \(form) (\(app.location ?? "settings"))"
        case .providersJSON(let form):
            return "providers-json \(form) (\(app.location ?? "--providers-json"))"
        case .database(let id, let siteIDs):
            guard sitesEnabled else { return "database app #\(id)" }
            if siteIDs.isEmpty { return "database app #\(id) (no site)" }
            let names = siteIDs.map { sid in input.database?.sites.first { $0.id == sid }.map { $0.domain } ?? "site \(sid)" }
            return "database app #\(id) (sites: \(names.joined(separator: ", ")))"
        }
    }

    func entry(id: String, urlProvider: String, app: AppCandidate?, borrowed: Bool) -> ProviderEntry {
        let urlInfo = ProviderCatalog.info(urlProvider)
        let appProvider = app?.provider ?? urlProvider
        // allauth's get_provider: the registry class of the id, else of the app's provider.
        let scopeClass = registryClass(id) ?? registryClass(appProvider) ?? ProviderCatalog.info(appProvider)
        let classInstalled = installedOrCustom(id) || installedOrCustom(appProvider)
        let look = lookup(id)
        let label = urlInfo?.name ?? urlProvider
        let configLocation = providerConfig(appProvider)?.location ?? providerConfig(id)?.location
        let where_ = app?.location ?? configLocation
        var warnings: [Finding] = []
        func add(_ code: String, _ severity: Severity, _ message: String, _ fix: String, at location: String? = nil) {
            warnings.append(Finding(code: code, severity: severity, message: message, fix: fix, location: location ?? where_, providerID: id))
        }

        // Status, most important first.
        let status: ProviderStatus
        let needsSecret = !ProviderConfigurationBuilder.appless.contains(id) && urlInfo?.kind != "saml"
        if !classInstalled {
            status = .notInstalled
        } else if look == .multipleObjectsReturned {
            status = .duplicated
        } else if let app, !app.visible {
            status = .invisible
        } else if let app {
            if app.clientID.unsetVariable != nil || (needsSecret && app.secret.unsetVariable != nil) {
                status = .environmentUnset
            } else if !app.clientID.isUsable || (needsSecret && !app.secret.isUsable) {
                status = .missingCredentials
            } else {
                status = .ready
            }
        } else if ProviderConfigurationBuilder.appless.contains(id) {
            status = .ready
        } else if apps.contains(where: { !$0.visible && ($0.provider == id || $0.providerID == id) }) {
            status = .invisible
        } else {
            status = .missingCredentials
        }

        // URLs.
        var notes: [String] = []
        if urls.state == .found, let at = urls.location {
            notes.append("prefix \(urls.prefix) from \(at)")
        } else {
            notes.append("prefix \(urls.prefix) assumed (\(urls.state == .notFound ? "allauth.urls not included" : "URLconf not read"))")
        }
        notes += urlNotes
        var paths: CallbackURLs.Paths?
        if let urlInfo {
            paths = CallbackURLs.paths(for: urlInfo, appProviderID: urlInfo.kind == "openid_connect" ? (app?.providerID ?? id) : nil,
                                       clientID: urlInfo.kind == "saml" ? app?.clientID.literalText : nil,
                                       allauthPrefix: urls.prefix, oidcPrefix: oidcPrefix)
        } else if ProviderCatalog.removed[urlProvider] == nil {
            paths = CallbackURLs.Paths(callback: CallbackURLs.normalisedPrefix(urls.prefix) + urlProvider + "/login/callback/",
                                       login: CallbackURLs.normalisedPrefix(urls.prefix) + urlProvider + "/login/")
            notes.append("\(urlProvider) is not one of allauth's providers: OAuth2 URL layout assumed")
        }
        var callbackURL: String?
        var loginURL: String?
        if urls.namespaceForm != nil {
            notes.append("allauth.urls is included with a namespace (\(urls.location?.description ?? "urls.py")): allauth cannot reverse its URLs")
        } else if !installedOrCustom(urlProvider) {
            notes.append("\(urlProvider) is not installed: its URLs do not exist")
        } else if let paths {
            callbackURL = paths.callback.map { absolute($0) }
            loginURL = absolute(paths.login)
            if paths.callback == nil { notes.append("\(urlProvider) has no callback URL") }
        }

        // Scopes, as allauth's get_scope() computes them.
        // A provider-level SCOPE is one setting shared by all the provider's apps: its problems are
        // located there, so two apps of one provider report them once.
        let appScope = scopeClass?.kind == "oauth" ? nil : app?.settingsScope
        let scopeConfig = appScope == nil ? providerConfig(scopeClass?.id ?? appProvider) : nil
        let explicit = appScope ?? scopeConfig?.scope
        let scopeLocation = appScope == nil && scopeConfig?.scope != nil ? scopeConfig?.location ?? where_ : where_
        let scopes = explicit ?? scopeClass.map { queryEmail ? $0.defaultScopesWithEmail : $0.defaultScopes } ?? []

        // Findings about this entry.
        if let scopeClass, classInstalled {
            warnings += ScopeAdvice.check(info: scopeClass, storedID: id, scopes: explicit, appKeys: app?.appKeys,
                                          location: where_, scopeLocation: scopeLocation)
        }
        if let app, app.origin.isDatabase, app.settingsKeys.contains("SCOPE") {
            add("scope-in-app", .error, "\"SCOPE\" in the settings JSON of database app \(app.location ?? "") is ignored by allauth: \(id) logins ask for the default scopes instead",
                "rename the key to \"scope\" (lower case) in the app's settings JSON (Django admin, Social applications)")
        }
        if let removedTo = ProviderCatalog.removed[appProvider] {
            add("removed-provider", .error,
                "allauth no longer has the \(appProvider) provider: its login URL does not exist and users who signed in with it cannot sign in any more",
                "migrate to \(removedTo); keep the provider_id \(appProvider) on the new app so existing accounts still match")
        } else if status == .notInstalled {
            let package = ProviderCatalog.info(appProvider)?.package ?? "the \(appProvider) provider package"
            add("provider-not-installed", .error,
                "\(appProvider) is configured but not installed: its login URL does not exist and allauth raises ImproperlyConfigured (unknown provider: \(appProvider))",
                "add \"\(package)\" to INSTALLED_APPS, or remove the \(appProvider) configuration")
        }
        switch status {
        case .duplicated:
            let all = apps.filter { $0.provider == id || $0.providerID == id }.filter(\.visible)
            add("app-duplicated", .error,
                "\(all.count) apps for \(id) are visible on site \(siteID) (\(all.compactMap(\.location).joined(separator: ", "))): allauth raises MultipleObjectsReturned and nobody can sign in with \(label)",
                "keep one: delete the extra database app or the settings APP, or give all but one \"settings\": {\"hidden\": true}",
                at: all.compactMap(\.location).joined(separator: ", "))
        case .invisible:
            let sites = app.map { a -> String in
                if case .database(_, let ids) = a.origin, !ids.isEmpty { return "only to site \(ids.map(String.init).joined(separator: ", "))" }
                return "to no site"
            } ?? "to no site"
            add("app-invisible", .error,
                "the database app for \(id) is linked \(sites), not to SITE_ID \(siteID): allauth raises SocialApp.DoesNotExist when users pick \(label)",
                "in the Django admin (Social applications), add site \(siteID)\(siteDomain.map { " (\($0))" } ?? "") to the app")
        case .environmentUnset:
            let names = [app?.clientID.unsetVariable, needsSecret ? app?.secret.unsetVariable : nil].compactMap { $0 }
            add("credentials-env-unset", .warning,
                "\(names.map { "$" + $0 }.joined(separator: " and ")) \(names.count > 1 ? "are" : "is") not set here (environment or .env): where the site runs without \(names.count > 1 ? "them" : "it"), \(label) logins are sent without credentials and fail at the provider",
                "set \(names.joined(separator: " and ")) in the site's environment")
        case .missingCredentials:
            if let app {
                let what = !app.clientID.isUsable ? "client ID" : "secret"
                add("credentials-missing", .error, "the \(id) app has no \(what): the provider rejects every login",
                    "set the app's \(what == "client ID" ? "client_id" : "secret") to the value from the provider's developer console")
            } else if input.database == nil {
                add("provider-without-app", .warning,
                    "\(id) is installed but no settings app configures it, and the database was not read: if there is no database app either, its login raises SocialApp.DoesNotExist",
                    "check the Social applications in the Django admin, or add an APP to SOCIALACCOUNT_PROVIDERS (authconsole snippet \(id))",
                    at: configLocation ?? location("INSTALLED_APPS"))
            } else {
                add("provider-without-app", .warning,
                    "\(id) is installed but has no app (in settings or in the database): its login raises SocialApp.DoesNotExist",
                    "add an app (authconsole snippet \(id)), or remove the provider from INSTALLED_APPS",
                    at: configLocation ?? location("INSTALLED_APPS"))
            }
        default:
            break
        }
        if let app {
            if appProvider == "openid_connect" && (app.serverURL ?? "").isEmpty {
                add("oidc-server-url-missing", .error,
                    "the OpenID Connect app \(id) has no settings.server_url: allauth fails when users pick it",
                    "set \"settings\": {\"server_url\": \"https://issuer.example.com\"} on the app")
            }
            if ProviderConfigurationBuilder.subProviderClasses.contains(appProvider), !app.providerID.isEmpty,
               app.providerID != appProvider, let hijacker = registryClass(app.providerID) {
                add("oidc-provider-id-collision", .error,
                    "the \(appProvider) app \(id) has the same id as the installed \(hijacker.name) provider: allauth drives it with the \(hijacker.name) provider class (its URLs, scopes \(queryEmail ? hijacker.defaultScopesWithEmail.joined(separator: " ") : hijacker.defaultScopes.joined(separator: " ")) and API), so logins through it fail",
                    "rename the app's provider_id (for example \(id)-oidc) and register the new callback URL, or remove \(hijacker.package) from INSTALLED_APPS",
                    at: app.location)
            }
            if let kind = placeholder(app) {
                add("placeholder-credentials", .error,
                    "the \(id) app's \(kind) \(kind.contains(" and ") ? "are placeholders" : "is a placeholder") copied from the documentation: the provider rejects every login",
                    "use the real \(kind) from the provider's developer console, read from the environment (os.getenv)")
            }
            if !borrowed {
                warnings += providerAppFindings(app: app, id: id, location: where_)
            }
            if let condition = app.conditional {
                add("conditional-app", .info,
                    "conditional: this app exists only in some runs of the settings (\(condition)); it is shown as configured because the condition holds here",
                    "make sure the condition also holds where the site runs")
            }
        }

        return ProviderEntry(
            id: id, provider: urlProvider, name: (app?.name).flatMap { $0.isEmpty ? nil : $0 } ?? label, label: label,
            kind: urlInfo?.kind ?? "unknown",
            source: source(app: app, borrowed: borrowed, id: id, configLocation: configLocation),
            status: status, callbackURL: callbackURL, loginURL: loginURL, urlNotes: notes,
            clientIDMasked: app.map { $0.clientID.masked }, secret: app?.secret.secretState ?? .missing,
            scopes: scopes, recommendedScopes: scopeClass.map(ScopeAdvice.recommended) ?? [],
            developerConsoleURL: scopeClass.flatMap { ProviderCatalog.developerConsole(for: $0.id)?.url }.flatMap { $0.isEmpty ? nil : $0 },
            warnings: warnings, usage: input.usage.first { $0.id == id }, lookup: look)
    }

    var siteDomain: String? { input.database?.sites.first { $0.id == siteID }?.domain }

    func absolute(_ path: String) -> String { site.map { $0.origin + path } ?? path }

    func source(app: AppCandidate?, borrowed: Bool, id: String, configLocation: String?) -> String {
        guard let app else {
            if let configLocation { return "none (settings without APP/APPS at \(configLocation))" }
            return "none (installed, no app)"
        }
        var text = origin(of: app)
        if borrowed { text += ", the \(app.provider) app \(id), used by the \(id) provider" }
        if app.conditional != nil { text += ", conditional" }
        return text
    }

    static let placeholderClientIDs: Set<String> = ["123", "your.service.id", "<insert-id>", "your-client-id", "your_client_id", "client-id",
                                                   "client_id", "changeme", "change-me", "todo", "placeholder", "<client_id>", "your-app-id", "app-id"]
    static let placeholderSecrets: Set<String> = ["456", "keyid", "<insert-secret>", "your-secret", "your_secret", "your-client-secret",
                                                 "your_client_secret", "secret", "changeme", "change-me", "todo", "placeholder", "<secret>"]

    /// "client ID", "secret" or "client ID and secret" when they are documentation placeholders.
    func placeholder(_ app: AppCandidate) -> String? {
        func isX(_ s: String) -> Bool { s.count >= 3 && s.lowercased().allSatisfy { $0 == "x" } }
        var found: [String] = []
        if let id = app.clientID.literalText?.lowercased(), Self.placeholderClientIDs.contains(id) || isX(id) { found.append("client ID") }
        // Database secrets are read as lengths only, so only settings secrets can be compared.
        if !app.origin.isDatabase, let secret = app.secret.literalText?.lowercased(), Self.placeholderSecrets.contains(secret) || isX(secret) {
            found.append("secret")
        }
        return found.isEmpty ? nil : found.joined(separator: " and ")
    }

    /// Accounts stored under an id no entry serves (old keycloak/persona logins, a deleted app).
    func orphanedAccounts(_ entries: [ProviderEntry]) -> [Finding] {
        let ids = Set(entries.map(\.id))
        return input.usage.filter { !ids.contains($0.id) && $0.accountCount > 0 }.map { usage in
            Finding(code: "orphaned-accounts", severity: .warning,
                    message: "\(usage.accountCount) social accounts are stored under \(usage.id), which no app serves: those users cannot sign in with it",
                    fix: ProviderCatalog.removed[usage.id].map { "migrate to \($0) with provider_id \(usage.id)" } ?? "configure an app whose id (provider_id for OpenID Connect) is \(usage.id), or tell those users to use another login",
                    location: DjangoSchema.socialAccount, providerID: usage.id)
        }
    }

    /// One request per stored id, for the apps as they are (or should be) configured.
    func snippetRequests(_ entries: [ProviderEntry]) -> [SnippetRequest] {
        var out: [SnippetRequest] = []
        var seen: Set<String> = []
        let ordered = apps.map { ($0.storedID, $0.provider, Optional($0)) } + entries.filter { $0.secret == .missing && $0.clientIDMasked == nil }.map { ($0.id, $0.provider, AppCandidate?.none) }
        for (id, provider, app) in ordered where !seen.contains(id) {
            guard let info = ProviderCatalog.info(provider), !ProviderConfigurationBuilder.appless.contains(provider) else { continue }
            seen.insert(id)
            let scopeClass = registryClass(id) ?? info
            let explicit = info.kind == "oauth" ? providerConfig(provider)?.scope : (app?.settingsScope ?? providerConfig(provider)?.scope)
            let paths = CallbackURLs.paths(for: info, appProviderID: info.kind == "openid_connect" ? id : nil,
                                           clientID: info.kind == "saml" ? id : nil, allauthPrefix: urls.prefix, oidcPrefix: oidcPrefix)
            out.append(SnippetRequest(info: info, storedID: id, scopes: explicit ?? ScopeAdvice.recommended(for: scopeClass),
                                      callbackURL: paths.callback.map { absolute($0) }, serverURL: app?.serverURL))
        }
        return out
    }
}
