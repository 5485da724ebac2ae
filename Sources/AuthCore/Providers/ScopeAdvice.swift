/// Checks the scopes an app will request against what the provider documents and what allauth
/// does with them. Each finding says what goes wrong for users and how to fix it.
public enum ScopeAdvice {
    /// Keys allauth reads from an APP/APPS dict; anything else is silently ignored.
    public static let appKeys: Set<String> = ["name", "provider_id", "client_id", "secret", "key", "settings", "certificate_key"]

    /// - Parameters:
    ///   - scopes: the scopes configured (provider SCOPE or the app's settings.scope), nil when none.
    ///   - appKeys: the keys of the APP/APPS dict, when the app is configured in settings.
    ///   - location: where the app is, for the findings about its keys.
    ///   - scopeLocation: where the scopes are (the provider's SCOPE when no app sets its own, shared
    ///     by every app of the provider, so one problem is one finding); defaults to `location`.
    public static func check(info: ProviderInfo, storedID: String, scopes: [String]?, appKeys: [String]?,
                             location: String?, scopeLocation: String? = nil) -> [Finding] {
        var findings: [Finding] = []
        func add(_ code: String, _ severity: Severity, _ message: String, _ fix: String) {
            findings.append(Finding(code: code, severity: severity, message: message, fix: fix,
                                    location: scopeLocation ?? location, providerID: storedID))
        }
        func addAppKey(_ code: String, _ severity: Severity, _ message: String, _ fix: String) {
            findings.append(Finding(code: code, severity: severity, message: message, fix: fix, location: location, providerID: storedID))
        }
        for key in appKeys ?? [] where !Self.appKeys.contains(key) {
            if key == "SCOPE" {
                addAppKey("scope-in-app", .error,
                    "SCOPE inside APP is ignored by allauth: \(storedID) logins ask for the default scopes instead",
                    "move \"SCOPE\" up one level, beside \"APP\" (or use \"settings\": {\"scope\": [...]} inside the app)")
            } else {
                addAppKey("unknown-app-key", .warning,
                    "\"\(key)\" inside the \(storedID) app is ignored by allauth (it reads only \(appKeys_sortedList))",
                    key == key.uppercased() ? "move \"\(key)\" up one level, beside \"APP\"" : "put it under the app's \"settings\" dict if the provider supports it")
            }
        }
        guard let scopes else {
            if info.id == "linkedin_oauth2" {
                add("retired-scope", .error, "linkedin_oauth2 asks by default for r_liteprofile, which LinkedIn retired in 2023: sign-ins fail with unauthorized_scope_error",
                    "use openid_connect with provider_id \"linkedin\", server_url https://www.linkedin.com/oauth and scope openid profile email")
            }
            return findings
        }
        if info.kind == "oauth" && !scopes.isEmpty {
            add("scope-on-oauth1", .warning, "\(storedID) uses OAuth 1.0a, which has no scopes: SCOPE is sent but has no effect",
                "remove SCOPE for \(storedID); permissions are set in the provider's app settings")
        }
        if info.id == "github" && !scopes.contains("user:email") && !scopes.contains("user") {
            add("github-no-email-scope", .warning, "GitHub returns no email for users who keep theirs private unless the user:email scope is asked: such users sign up without an email",
                "add \"user:email\" to SCOPE")
        }
        if info.id == "google" && scopes.contains(where: { $0.contains("access_type") || $0 == "offline" }) {
            add("auth-param-in-scope", .warning, "access_type=offline is an authorization parameter, not a scope: Google rejects or ignores it here",
                "remove it from SCOPE and set \"AUTH_PARAMS\": {\"access_type\": \"offline\"} (and SOCIALACCOUNT_STORE_TOKENS = True)")
        }
        let documented = ProviderCatalog.documentedScopes(for: info.id)
        for scope in scopes {
            if let d = documented.first(where: { $0.scope == scope }) {
                switch d.status {
                case .deprecated, .removed:
                    add("retired-scope", .error, "\(storedID) scope \(scope) has been retired by the provider: sign-ins asking for it fail",
                        info.id.hasPrefix("linkedin") ? "use openid_connect (provider_id \"linkedin\") with openid profile email" : "remove \(scope) from the scopes")
                case .legacy:
                    add("legacy-scope", .warning, "\(storedID) scope \(scope) belongs to the provider's old sign-in flow, which allauth's \(info.id) provider does not use",
                        "use \(info.defaultScopesWithEmail.joined(separator: " ")) instead")
                case .enterpriseOnly:
                    add("enterprise-scope", .info, "\(storedID) scope \(scope) exists only on enterprise servers", "remove it unless the site uses an enterprise server")
                case .documented:
                    break
                }
            } else if !documented.isEmpty && !info.defaultScopes.contains(scope) && !info.defaultScopesWithEmail.contains(scope) && info.kind != "oauth" {
                // OpenID Connect servers define their own scopes (groups, roles): only a hint there.
                add("undocumented-scope", info.kind == "openid_connect" ? .info : .warning,
                    info.kind == "openid_connect" ? "\(scope) is not a standard OpenID Connect scope: logins to \(storedID) fail unless its server defines it"
                        : "\(storedID) does not document a scope named \(scope): the provider may reject the login",
                    "check the spelling against the provider's documentation (known: \(documented.map(\.scope).prefix(8).joined(separator: ", "))\(documented.count > 8 ? ", ..." : ""))")
            }
        }
        return findings
    }

    private static var appKeys_sortedList: String { appKeys.sorted().joined(separator: ", ") }

    /// What to ask for: allauth's defaults with email on (what most sites need), or the
    /// replacement for retired defaults.
    public static func recommended(for info: ProviderInfo) -> [String] {
        if info.id == "linkedin_oauth2" { return ["openid", "profile", "email"] }
        if info.id == "github" { return ["user:email"] }
        return info.defaultScopesWithEmail
    }
}
