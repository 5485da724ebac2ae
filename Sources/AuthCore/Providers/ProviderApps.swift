import Foundation

/// A credential as far as the console may know it. The literal text is kept in memory only to
/// measure it and compare it with documentation placeholders; it is never shown.
enum Credential: Equatable {
    case literal(String)
    /// From an environment variable that is not set (or falls back to an empty default).
    case environmentUnset(String)
    case dynamic(String)
    case missing

    init(_ value: PythonValue?) {
        guard let value else { self = .missing; return }
        switch value {
        case .string(let s): self = .literal(s)
        case .none: self = .missing
        case .int, .float, .bool: self = .literal(Formatting.str(value) ?? "")
        case .env(let reference):
            switch reference.resolution {
            case .environment, .dotEnv:
                if let resolved = reference.resolvedValue { self = Credential(resolved) } else { self = .environmentUnset(reference.name) }
            case .defaultValue:
                let resolved = reference.resolvedValue ?? reference.defaultValue
                if case .string(let s)? = resolved, !s.isEmpty {
                    self = .literal(s)
                } else if resolved == nil || resolved == PythonValue.none || resolved == .string("") {
                    self = .environmentUnset(reference.name)
                } else {
                    self = Credential(resolved)
                }
            case .unset:
                self = .environmentUnset(reference.name)
            }
        case .dynamic(let d): self = .dynamic("\(d.reason) (\(d.location))")
        case .reference(let name): self = .dynamic("refers to \(name)")
        default: self = .dynamic("a \(value.kindName), not a string")
        }
    }

    var secretState: SecretState {
        switch self {
        case .literal(let s): return s.isEmpty ? .empty : .set(length: s.count)
        case .environmentUnset(let name): return .environmentUnset(variable: name)
        case .dynamic(let reason): return .dynamic(reason: reason)
        case .missing: return .missing
        }
    }

    /// The masked form of a client ID.
    var masked: String {
        switch self {
        case .literal(let s): return ClientIDMask.mask(s)
        case .environmentUnset(let name): return "from $\(name) (unset)"
        case .dynamic: return "built at run time"
        case .missing: return "missing"
        }
    }

    var isUsable: Bool {
        if case .literal(let s) = self { return !s.isEmpty }
        if case .dynamic = self { return true }
        return false
    }

    var unsetVariable: String? {
        if case .environmentUnset(let name) = self { return name }
        return nil
    }

    var literalText: String? {
        if case .literal(let s) = self { return s }
        return nil
    }
}

/// Where an app is configured.
enum AppOrigin: Equatable {
    /// `SOCIALACCOUNT_PROVIDERS[key]["APP"]`, `["APPS"][i]` or legacy `["SERVERS"][i]`.
    case settings(form: String)
    case providersJSON(form: String)
    case database(id: Int64, siteIDs: [Int64])

    var keyword: String {
        switch self {
        case .settings: return "settings"
        case .providersJSON: return "providers-json"
        case .database: return "database"
        }
    }

    var isDatabase: Bool {
        if case .database = self { return true }
        return false
    }
}

/// One app allauth can see, from settings, a providers JSON file or the database.
struct AppCandidate {
    var origin: AppOrigin
    /// The SOCIALACCOUNT_PROVIDERS key or the database `provider` column.
    var provider: String
    var providerID: String
    var name: String
    var clientID: Credential
    var secret: Credential
    var key: Credential
    /// Keys of the APP/APPS dict (settings apps only).
    var appKeys: [String]?
    var settingsKeys: [String]
    /// `settings["scope"]`, when given.
    var settingsScope: [String]?
    var hidden: Bool
    var serverURL: String?
    var location: String?
    /// Why this app exists only in some outcomes of the settings ("depends on $X").
    var conditional: String?
    /// Visible on the current site (always true for settings apps).
    var visible = true
    /// The app's `settings` is a dict the console could read (or absent); false when it is built at
    /// run time, so checks of its keys would be guesses.
    var settingsKnown = true
    /// Apple's `certificate_key` as allauth ends up with it in `app.settings` (an APP-level one wins).
    /// Kept only to tell set from missing; never shown.
    var certificateKey: Credential = .missing
    /// `certificate_key` written directly in the APP dict (deprecated: allauth moves it into settings and warns).
    var certificateKeyAtAppLevel = false

    var storedID: String { providerID.isEmpty ? provider : providerID }
}

/// One `SOCIALACCOUNT_PROVIDERS` key after allauth's own reading (legacy SERVERS migrated).
struct ProviderSettingsEntry {
    var key: String
    /// Provider-level SCOPE, when given (dropped by the SERVERS migration).
    var scope: [String]?
    var keys: [String]
    var apps: [AppCandidate]
    var usesLegacyServers: Bool
    var location: String?
}

/// Reads a `SOCIALACCOUNT_PROVIDERS` value the way allauth's `_build_apps_from_settings` does.
struct ProviderSettingsReader {
    var originIsJSON: Bool
    var locator: SettingsLocator?
    var conditional: ConditionalApps?
    var notes: [String] = []

    mutating func read(_ value: PythonValue) -> [ProviderSettingsEntry] {
        guard case .dict(let entries)? = value.resolved else {
            if case .dynamic(let d) = value {
                notes.append("SOCIALACCOUNT_PROVIDERS is built at run time (\(d.reason), \(d.location)): pass --providers-json with a dump of it")
            } else {
                notes.append("SOCIALACCOUNT_PROVIDERS is not a dict (\(value.kindName)): provider settings ignored")
            }
            return []
        }
        var result: [ProviderSettingsEntry] = []
        for entry in entries {
            guard let key = entry.key.stringValue else { continue }
            guard case .dict(let inner)? = entry.value.resolved else {
                notes.append("SOCIALACCOUNT_PROVIDERS[\(SettingsError.printable(key))] is not a dict (\(entry.value.kindName)); ignored")
                continue
            }
            let keys = inner.compactMap { $0.key.stringValue }
            let location = locator?.providerLocation(key)
            var config = ProviderSettingsEntry(key: key, scope: Self.stringList(entry.value["SCOPE"]), keys: keys, apps: [],
                                               usesLegacyServers: false, location: location)
            if key == "openid_connect", let servers = entry.value["SERVERS"], servers.resolved != PythonValue.none {
                // allauth's _migrate_oidc keeps only the APPS it builds: SCOPE and the rest are dropped.
                config.usesLegacyServers = true
                config.scope = nil
                for (index, server) in Self.items(servers).enumerated() {
                    var app = makeApp(provider: key, dict: server["APP"] ?? .dict([]), form: "SERVERS[\(index)]",
                                      location: locator?.appLocation(key, form: "SERVERS", index: index) ?? location)
                    app.providerID = server["id"]?.stringValue ?? ""
                    app.name = server["name"]?.stringValue ?? ""
                    var settingsKeys = ["server_url"]
                    if server["token_auth_method"] != nil { settingsKeys.insert("token_auth_method", at: 0) }
                    app.settingsKeys = settingsKeys
                    app.settingsScope = nil
                    app.serverURL = server["server_url"]?.stringValue
                    app.hidden = false
                    config.apps.append(app)
                }
            } else if let apps = entry.value["APPS"], apps.resolved != PythonValue.none {
                for (index, item) in Self.items(apps).enumerated() {
                    config.apps.append(makeApp(provider: key, dict: item, form: "APPS[\(index)]",
                                               location: locator?.appLocation(key, form: "APPS", index: index) ?? location))
                }
            } else if let app = entry.value["APP"], app.resolved != PythonValue.none {
                config.apps.append(makeApp(provider: key, dict: app, form: "APP", location: locator?.appLocation(key, form: "APP", index: 0) ?? location))
            }
            if let conditional {
                for index in config.apps.indices {
                    config.apps[index].conditional = conditional.reason(forKey: key, app: config.apps[index])
                }
            }
            result.append(config)
        }
        return result
    }

    func makeApp(provider: String, dict: PythonValue, form: String, location: String?) -> AppCandidate {
        var keys: [String] = []
        if case .dict(let entries)? = dict.resolved { keys = entries.compactMap { $0.key.stringValue } }
        let settings = dict["settings"]
        var settingsKeys: [String] = []
        var settingsKnown = settings == nil || settings?.resolved == PythonValue.none
        if case .dict(let entries)? = settings?.resolved {
            settingsKeys = entries.compactMap { $0.key.stringValue }
            settingsKnown = true
        }
        // allauth copies an APP-level certificate_key over settings["certificate_key"].
        let appLevelCertificateKey = dict["certificate_key"]
        let certificateKey = appLevelCertificateKey.map { Credential($0) } ?? Credential(settings?["certificate_key"])
        var app = AppCandidate(
            origin: originIsJSON ? .providersJSON(form: form) : .settings(form: form),
            provider: provider,
            providerID: dict["provider_id"]?.stringValue ?? "",
            name: dict["name"]?.stringValue ?? "",
            clientID: Credential(dict["client_id"]),
            secret: Credential(dict["secret"]),
            key: Credential(dict["key"]),
            appKeys: keys,
            settingsKeys: settingsKeys,
            settingsScope: Self.stringList(settings?["scope"]),
            hidden: Self.truthy(settings?["hidden"]),
            serverURL: settings?["server_url"]?.stringValue,
            location: location)
        app.settingsKnown = settingsKnown
        app.certificateKey = certificateKey
        app.certificateKeyAtAppLevel = appLevelCertificateKey != nil
        return app
    }

    static func items(_ value: PythonValue) -> [PythonValue] {
        switch value.resolved {
        case .list(let items)?, .tuple(let items)?, .set(let items)?: return items
        default: return []
        }
    }

    static func stringList(_ value: PythonValue?) -> [String]? {
        guard let value else { return nil }
        switch value.resolved {
        case .list(let items)?, .tuple(let items)?, .set(let items)?: return items.compactMap(\.stringValue)
        case .string(let s)?: return s.split(separator: " ").map(String.init)
        default: return nil
        }
    }

    static func truthy(_ value: PythonValue?) -> Bool {
        switch value?.resolved {
        case .bool(let b)?: return b
        case .int(let i)?: return i != 0
        case .string(let s)?: return !s.isEmpty
        case .list(let l)?, .tuple(let l)?: return !l.isEmpty
        default: return false
        }
    }
}

extension DatabaseApp {
    func candidate(sitesEnabled: Bool, siteID: Int64) -> AppCandidate {
        var app = AppCandidate(
            origin: .database(id: id, siteIDs: siteIDs),
            provider: provider,
            providerID: providerID,
            name: name,
            clientID: .literal(clientID),
            secret: secretLength > 0 ? .literal(String(repeating: "*", count: secretLength)) : .literal(""),
            key: keyLength > 0 ? .literal(String(repeating: "*", count: keyLength)) : .literal(""),
            appKeys: nil,
            settingsKeys: settingsKeys,
            settingsScope: scopes,
            hidden: ["true", "1"].contains(settings["hidden"]?.lowercased() ?? ""),
            serverURL: settings["server_url"],
            location: "\(DjangoSchema.socialApp) id=\(id)",
            conditional: nil,
            visible: !sitesEnabled || siteIDs.contains(siteID))
        if let length = secretSettingLengths["certificate_key"] {
            app.certificateKey = .literal(String(repeating: "*", count: length))
        }
        return app
    }
}
