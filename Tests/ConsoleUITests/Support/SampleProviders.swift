import AuthCore
@testable import ConsoleUI

/// A hand-built provider configuration for the default fixture, with fake masked client IDs,
/// standing in for the provider-configuration reader. Usage is left nil (ProviderUsage has no
/// public initialiser), so the screens fall back to the dashboard's per-provider usage.
enum SampleProviders {
    static let githubScopes = Finding(code: "scope.missing-email", severity: .warning,
                                      message: "GitHub scope lacks user:email, so users with a private email sign up without one",
                                      fix: "add \"user:email\" to SCOPE", location: "mysite/settings.py:44", providerID: "github")
    static let googleSecret = Finding(code: "secret.missing", severity: .error,
                                      message: "google has no secret: every Google login fails",
                                      fix: "set the secret in the social app or in SOCIALACCOUNT_PROVIDERS", location: "socialaccount_socialapp id=2",
                                      providerID: "google")
    static let siteless = Finding(code: "app.no-site", severity: .warning, message: "gitlab's social app is linked to no site, so it is invisible",
                                  fix: "add the site to the app in the admin", location: "socialaccount_socialapp id=4", providerID: "gitlab")
    static let hostile = Finding(code: "test.hostile", severity: .info, message: "name with \u{1B}]0;pwned\u{07} escape and \u{202E}bidi",
                                 fix: "none \u{9B}31m", location: nil, providerID: nil)

    static var configuration: ProviderConfiguration { make(corpOrigin: "https://example.com") }

    /// The same, with an identity provider whose callback URL is wider than the space beside
    /// its label (77 columns) but narrower than the pane.
    static var longCallback: ProviderConfiguration { make(corpOrigin: "https://sso.corporate-example.internal") }

    static func make(corpOrigin: String) -> ProviderConfiguration {
        let github = ProviderEntry(
            id: "github", provider: "github", name: "GitHub", label: "GitHub", kind: "oauth2",
            source: "settings APP (mysite/settings.py:40)", status: .ready,
            callbackURL: "https://example.com/accounts/github/login/callback/", loginURL: "https://example.com/accounts/github/login/",
            urlNotes: ["host from --base-url"], clientIDMasked: "Iv1.ab…9f", secret: .set(length: 40),
            scopes: ["read:user"], recommendedScopes: ["read:user", "user:email"],
            developerConsoleURL: "https://github.com/settings/developers", warnings: [githubScopes], usage: nil)
        let google = ProviderEntry(
            id: "google", provider: "google", name: "Google", label: "Google", kind: "oauth2",
            source: "database app #2 (sites: example.com)", status: .missingCredentials,
            callbackURL: "https://example.com/accounts/google/login/callback/", loginURL: "https://example.com/accounts/google/login/",
            urlNotes: [], clientIDMasked: "1234…apps", secret: .missing, scopes: ["profile", "email"], recommendedScopes: ["profile", "email"],
            developerConsoleURL: "https://console.cloud.google.com/apis/credentials", warnings: [googleSecret], usage: nil)
        let corp = ProviderEntry(
            id: "corp-sso", provider: "openid_connect", name: "Corp SSO", label: "OpenID Connect", kind: "openid_connect",
            source: "database app #3 (sites: example.com)", status: .ready,
            callbackURL: corpOrigin + "/accounts/oidc/corp-sso/login/callback/", loginURL: corpOrigin + "/accounts/oidc/corp-sso/login/",
            urlNotes: [], clientIDMasked: "corp…01", secret: .environmentUnset(variable: "CORP_SSO_SECRET"), scopes: [], recommendedScopes: [],
            developerConsoleURL: nil, warnings: [], usage: nil)
        let gitlab = ProviderEntry(
            id: "gitlab", provider: "gitlab", name: "GitLab", label: "GitLab", kind: "oauth2",
            source: "database app #4 (sites: none)", status: .invisible, callbackURL: "https://example.com/accounts/gitlab/login/callback/",
            loginURL: "https://example.com/accounts/gitlab/login/", urlNotes: [], clientIDMasked: "gl…42", secret: .set(length: 64),
            scopes: ["read_user"], recommendedScopes: ["read_user"], developerConsoleURL: "https://gitlab.com/-/profile/applications",
            warnings: [siteless], usage: nil)
        let snippet = """
            SOCIALACCOUNT_PROVIDERS = {
                "github": {
                    "APP": {"client_id": os.environ["GITHUB_CLIENT_ID"], "secret": os.environ["GITHUB_SECRET"]},
                    "SCOPE": ["read:user", "user:email"],
                },
            }
            """
        return ProviderConfiguration(entries: [corp, github, gitlab, google], findings: [hostile], snippets: ["github": snippet])
    }
}
