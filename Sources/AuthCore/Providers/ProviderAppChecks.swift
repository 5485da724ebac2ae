import Foundation

/// Checks that only concern one provider's apps (allauth-notes.md §1 rows 8 and 13): what that
/// provider's allauth code reads from the app, and what fails for users when it is not there.
/// Values of secrets (Apple's certificate_key) are only ever tested for being set.
extension Build {
    func providerAppFindings(app: AppCandidate, id: String, location: String?) -> [Finding] {
        var out: [Finding] = []
        func add(_ code: String, _ severity: Severity, _ message: String, _ fix: String) {
            out.append(Finding(code: code, severity: severity, message: message, fix: fix, location: location, providerID: id))
        }
        switch app.provider {
        case "microsoft": microsoftTenant(app, add)
        case "apple": apple(app, add)
        default: break
        }
        return out
    }

    typealias AddFinding = (String, Severity, String, String) -> Void

    /// The keys of `SOCIALACCOUNT_PROVIDERS[key]`, [] when there is no such entry, nil when the
    /// console could not read them (no settings, a value built at run time, an entry that is not a
    /// dict: the reader reports each of those as providers-unreadable).
    func providerLevelKeys(_ key: String) -> [String]? {
        if let config = providerConfig(key) { return config.keys }
        if findings.contains(where: { $0.code == "providers-unreadable" }) { return nil }
        return settings != nil || input.providersJSON != nil ? [] : nil
    }

    /// allauth's MicrosoftGraphOAuth2Adapter: tenant = app.settings["tenant"], else the
    /// provider-level "TENANT" (or lower-case "tenant"), else "common".
    func microsoftTenant(_ app: AppCandidate, _ add: AddFinding) {
        guard app.settingsKnown, !app.settingsKeys.contains("tenant"), let providerKeys = providerLevelKeys("microsoft"),
              !providerKeys.contains("TENANT"), !providerKeys.contains("tenant") else { return }
        let misplaced = (app.appKeys ?? []).filter { $0.lowercased() == "tenant" }
        add("microsoft-tenant-default", .info,
            "the microsoft app sets no tenant (" + (app.origin.isDatabase ? "no \"tenant\" in its settings JSON" : "neither \"settings\": {\"tenant\": ...} on the app nor a provider-level \"TENANT\"") + ")"
                + (misplaced.isEmpty ? "" : " (the \"\(misplaced[0])\" written directly inside the app is ignored)")
                + ", so allauth uses Microsoft's \"common\" endpoint: that only works for multi-tenant app registrations; with a single-tenant one every login fails at Microsoft with AADSTS50194 (\"not configured as a multi-tenant application\")",
            app.origin.isDatabase
                ? "if the Azure app registration is single-tenant, set the app's settings JSON (Django admin, Social applications) to {\"tenant\": \"<directory (tenant) ID>\"}, or \"organizations\" for work and school accounts of any tenant"
                : "if the Azure app registration is single-tenant, add \"settings\": {\"tenant\": \"<directory (tenant) ID>\"} to the app, or \"organizations\" for work and school accounts of any tenant")
    }

    /// allauth's AppleOAuth2Client.generate_client_secret: `app.key` (the Team ID) and
    /// `app.settings["certificate_key"]` (the .p8 private key) must both be truthy, or the callback
    /// raises ImproperlyConfigured. An APP-level certificate_key works but is deprecated.
    func apple(_ app: AppCandidate, _ add: AddFinding) {
        if app.certificateKeyAtAppLevel {
            add("apple-certificate-key-in-app", .warning,
                "\"certificate_key\" is written directly inside the apple app: allauth still moves it into the app's settings, but warns that this is deprecated (\"'certificate_key' should be moved into app.settings\") on every login, and a future version may stop reading it",
                "move it into the app's settings: \"settings\": {\"certificate_key\": ...} (keep reading it from the environment)")
        }
        // get_app("apple") picks the one app that is not hidden when there are several: a hidden
        // app (an iOS client id) never signs the client secret.
        if app.hidden && reachable("apple").count > 1 { return }
        let usedAt = "users go through Sign in with Apple, then the callback fails with ImproperlyConfigured"
        var missingKey = false
        switch app.key {
        case .missing: missingKey = true
        case .literal(let s): missingKey = s.isEmpty
        default: break
        }
        if missingKey {
            add("apple-key-missing", .error,
                "the apple app has no key (the Apple Team ID): \(usedAt) (\"Apple 'key' missing\", a server error), so nobody can sign in with Apple",
                app.origin.isDatabase
                    ? "fill in the app's Key field with the Team ID in the Django admin (Social applications); client id = Services ID, secret = Key ID"
                    : "set \"key\" on the app to the Team ID (client_id = Services ID, secret = Key ID, settings.certificate_key = the .p8 key)")
        }
        var missingCertificate = false
        switch app.certificateKey {
        case .missing: missingCertificate = app.certificateKeyAtAppLevel || app.settingsKnown
        case .literal(let s): missingCertificate = s.isEmpty
        default: break
        }
        if missingCertificate {
            add("apple-certificate-key-missing", .error,
                "the apple app has no settings.certificate_key (the .p8 private key): \(usedAt) (\"Apple 'certificate_key' missing\", a server error), so nobody can sign in with Apple",
                app.origin.isDatabase
                    ? "put the contents of the .p8 file into the app's settings JSON as {\"certificate_key\": \"-----BEGIN PRIVATE KEY-----\\n...\"} (Django admin, Social applications)"
                    : "add \"settings\": {\"certificate_key\": os.environ[\"APPLE_CERTIFICATE_KEY\"]} to the app, holding the contents of the .p8 file")
        }
    }
}
