/// How serious a finding is. An error silently breaks login for some users.
public enum Severity: String, Comparable, Sendable {
    case info, warning, error

    public static func < (a: Severity, b: Severity) -> Bool {
        let order: [Severity] = [.info, .warning, .error]
        return (order.firstIndex(of: a) ?? 0) < (order.firstIndex(of: b) ?? 0)
    }
}

/// One problem found in the configuration, with where it is and how to fix it.
public struct Finding: Equatable, Sendable {
    public let code: String
    public let severity: Severity
    /// What goes wrong, for users of the site.
    public let message: String
    public let fix: String
    /// `mysite/settings.py:42`, or a table name such as `socialaccount_socialapp id=3`.
    public let location: String?
    /// The provider or app the finding is about, when it is about one.
    public let providerID: String?

    public init(code: String, severity: Severity, message: String, fix: String, location: String?, providerID: String?) {
        self.code = code
        self.severity = severity
        self.message = message
        self.fix = fix
        self.location = location
        self.providerID = providerID
    }
}

/// A provider's overall state, most important first.
public enum ProviderStatus: String, Sendable, CaseIterable {
    case ready
    case missingCredentials = "missing-credentials"
    case environmentUnset = "env-unset"
    case invisible
    case duplicated
    case notInstalled = "not-installed"
}

/// What is known about a secret, never the secret itself.
public enum SecretState: Equatable, Sendable {
    case set(length: Int)
    case empty
    case missing
    case environmentUnset(variable: String)
    /// Built at run time (a function call, a value the settings reader cannot follow).
    case dynamic(reason: String)

    /// The stable word scripts read: set, empty, missing, env-unset, dynamic.
    public var keyword: String {
        switch self {
        case .set: return "set"
        case .empty: return "empty"
        case .missing: return "missing"
        case .environmentUnset: return "env-unset"
        case .dynamic: return "dynamic"
        }
    }

    /// For people: "set (40 chars)", "empty", "missing", "from $GITHUB_SECRET (unset)".
    public var description: String {
        switch self {
        case .set(let n): return "set (\(n) chars)"
        case .empty: return "empty"
        case .missing: return "missing"
        case .environmentUnset(let v): return "from $\(v) (unset)"
        case .dynamic(let reason): return "built at run time (\(reason))"
        }
    }
}

/// One provider app as the console shows it: one per settings APP/APPS entry or database app,
/// or one per installed provider with no app at all.
public struct ProviderEntry: Equatable, Sendable {
    /// The id accounts are stored under: the provider id, or an OIDC/SAML app's provider_id.
    public let id: String
    /// allauth's provider class id (`openid_connect`, `github`, ...).
    public let provider: String
    public let name: String
    /// The display name from the catalogue ("GitHub").
    public let label: String
    /// oauth2, oauth, openid_connect, saml, openid, other.
    public let kind: String
    /// Where the app is configured: "settings APP (mysite/settings.py:40)", "database app #3 (sites: example.com)".
    public let source: String
    public let status: ProviderStatus
    public let callbackURL: String?
    public let loginURL: String?
    /// How the URLs were built: "host from --base-url", "protocol from ACCOUNT_DEFAULT_HTTP_PROTOCOL".
    public let urlNotes: [String]
    public let clientIDMasked: String?
    public let secret: SecretState
    public let scopes: [String]
    public let recommendedScopes: [String]
    public let developerConsoleURL: String?
    public let warnings: [Finding]
    public let usage: ProviderUsage?
    /// What allauth's `get_app(provider=id)` does for this stored id on the current site.
    public let lookup: AppLookup

    public init(id: String, provider: String, name: String, label: String, kind: String, source: String,
                status: ProviderStatus, callbackURL: String?, loginURL: String?, urlNotes: [String],
                clientIDMasked: String?, secret: SecretState, scopes: [String], recommendedScopes: [String],
                developerConsoleURL: String?, warnings: [Finding], usage: ProviderUsage?, lookup: AppLookup = .ok) {
        self.id = id
        self.provider = provider
        self.name = name
        self.label = label
        self.kind = kind
        self.source = source
        self.status = status
        self.callbackURL = callbackURL
        self.loginURL = loginURL
        self.urlNotes = urlNotes
        self.clientIDMasked = clientIDMasked
        self.secret = secret
        self.scopes = scopes
        self.recommendedScopes = recommendedScopes
        self.developerConsoleURL = developerConsoleURL
        self.warnings = warnings
        self.usage = usage
        self.lookup = lookup
    }
}

extension ProviderEntry {
    /// The same entry with no usage attached (for a face that shows usage from elsewhere).
    public var withoutUsage: ProviderEntry {
        ProviderEntry(id: id, provider: provider, name: name, label: label, kind: kind, source: source, status: status,
                      callbackURL: callbackURL, loginURL: loginURL, urlNotes: urlNotes, clientIDMasked: clientIDMasked,
                      secret: secret, scopes: scopes, recommendedScopes: recommendedScopes,
                      developerConsoleURL: developerConsoleURL, warnings: warnings, usage: nil, lookup: lookup)
    }
}
