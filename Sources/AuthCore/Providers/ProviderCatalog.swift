/// One provider class allauth ships (65.22.1), from Resources/providers.tsv.
public struct ProviderInfo: Equatable, Sendable {
    public let id: String
    public let name: String
    public let package: String
    /// oauth2, oauth (OAuth 1.0a), openid_connect, saml, openid, other.
    public let kind: String
    public let slug: String
    /// Relative to where `allauth.urls` is included, with `<provider_id>` / `<organization_slug>`
    /// placeholders for OIDC and SAML.
    public let callbackPath: String
    public let loginPath: String
    public let defaultScopes: [String]
    /// The defaults when `SOCIALACCOUNT_QUERY_EMAIL` is on (allauth's default when email is required).
    public let defaultScopesWithEmail: [String]
    public let pkceByDefault: Bool
    public let providerClass: String
}

/// A scope a provider documents, and whether it still works.
public struct DocumentedScope: Equatable, Sendable {
    public enum Status: Sendable { case documented, deprecated, removed, legacy, enterpriseOnly }
    public let provider: String
    public let scope: String
    public let status: Status
}

/// Everything the console knows about providers without reading a site: carried in the binary.
public enum ProviderCatalog {
    private static let byID: [String: ProviderInfo] = Dictionary(providers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })

    public static var all: [ProviderInfo] { providers }

    public static func info(_ id: String) -> ProviderInfo? { byID[id] }

    /// The provider whose package is this INSTALLED_APPS entry.
    public static func info(package: String) -> ProviderInfo? { providers.first { $0.package == package } }

    /// Provider ids allauth no longer has, and what replaced them.
    public static let removed: [String: String] = [
        "keycloak": "openid_connect with server_url https://<keycloak>/realms/<realm> (removed in allauth 0.56)",
        "linkedin": "openid_connect with provider_id \"linkedin\" and server_url https://www.linkedin.com/oauth (LinkedIn retired OAuth 1 sign-in)",
        "persona": "another provider (Mozilla Persona shut down in 2016)",
        "angellist": "another provider (AngelList's API is gone)",
        "bitbucket": "bitbucket_oauth2 (the OAuth 1 provider was removed)",
        "azure": "microsoft",
    ]

    /// Scopes documented for a provider; empty when the catalogue has no list for it (no check).
    /// For OIDC apps of well-known servers the key is `openid_connect[keycloak]` and the like.
    public static func documentedScopes(for provider: String) -> [DocumentedScope] {
        documentedScopes.filter { $0.provider == provider }
    }

    public static func developerConsole(for provider: String) -> (url: String, redirectField: String)? {
        developerConsoles[provider]
    }
}
