/// Where a site is reached from outside, and how that was decided.
public struct SiteAddress: Equatable, Sendable {
    public let scheme: String
    /// Host, with a port when not the default.
    public let host: String
    public let schemeSource: String
    public let hostSource: String

    public init(scheme: String, host: String, schemeSource: String, hostSource: String) {
        self.scheme = scheme
        self.host = host
        self.schemeSource = schemeSource
        self.hostSource = hostSource
    }

    public var origin: String { "\(scheme)://\(host)" }
}

/// Builds the URLs allauth routes for a provider app, the way its urls.py does: under the
/// prefix where `allauth.urls` is included, `<slug>/login/callback/` for OAuth, the OIDC prefix
/// plus the app's provider_id for openid_connect, the app's client_id for SAML.
public enum CallbackURLs {
    public struct Paths: Equatable, Sendable {
        /// Nil for a provider with no callback view (`dummy`).
        public let callback: String?
        public let login: String
    }

    /// Providers whose URLconf has no callback (allauth's test provider).
    static let withoutCallback: Set<String> = ["dummy"]

    /// - Parameters:
    ///   - allauthPrefix: the include prefix as Django joins it (`/accounts/`); a missing leading
    ///     slash is added, a missing trailing one is not (Django would not add it either).
    ///   - oidcPrefix: `SOCIALACCOUNT_OPENID_CONNECT_URL_PREFIX` (default `oidc`).
    public static func paths(for info: ProviderInfo, appProviderID: String?, clientID: String?,
                             allauthPrefix: String, oidcPrefix: String) -> Paths {
        let base = normalisedPrefix(allauthPrefix)
        switch info.kind {
        case "openid_connect":
            let pid = appProviderID ?? info.id
            let p = oidcPrefix.isEmpty ? "" : oidcPrefix + "/"
            return Paths(callback: base + p + pid + "/login/callback/", login: base + p + pid + "/login/")
        case "saml":
            let org = clientID ?? "<client_id>"
            return Paths(callback: base + "saml/" + org + "/acs/", login: base + "saml/" + org + "/login/")
        default:
            let callback = withoutCallback.contains(info.id) ? nil : base + relative(info.callbackPath)
            return Paths(callback: callback, login: base + relative(info.loginPath.isEmpty ? "/\(info.slug)/login/" : info.loginPath))
        }
    }

    public static func absolute(_ path: String, site: SiteAddress) -> String { site.origin + path }

    static func normalisedPrefix(_ prefix: String) -> String {
        prefix.hasPrefix("/") ? prefix : "/" + prefix
    }

    static func relative(_ path: String) -> String { path.hasPrefix("/") ? String(path.dropFirst()) : path }
}
