import Foundation

/// A `socialaccount_socialapp` row as far as the console may know it: the secret and key are read
/// as lengths only, and secret-bearing keys of `settings` (Apple's certificate_key) likewise.
public struct DatabaseApp: Equatable, Sendable {
    public let id: Int64
    public let provider: String
    public let providerID: String
    public let name: String
    public let clientID: String
    public let secretLength: Int
    public let keyLength: Int
    /// Non-secret settings (server_url, scope, hidden, tenant, ...), as JSON values rendered to text.
    public let settings: [String: String]
    public let scopes: [String]?
    /// Keys of the settings JSON, secret ones included (their values are not kept).
    public let settingsKeys: [String]
    public let siteIDs: [Int64]
    /// Lengths of the secret-bearing settings values (Apple's certificate_key, ...): 0 for an empty
    /// string, null or false, so a check can tell "missing" from "set" without keeping the value.
    public var secretSettingLengths: [String: Int] = [:]

    /// What accounts are stored under: the provider_id when set (OIDC, SAML), else the provider.
    public var storedID: String { providerID.isEmpty ? provider : providerID }
}

public struct DjangoSite: Equatable, Sendable {
    public let id: Int64
    public let domain: String
    public let name: String
}

/// The database half of the provider configuration.
public struct DatabaseProviderConfig: Equatable, Sendable {
    public let apps: [DatabaseApp]
    public let sites: [DjangoSite]
    /// Installed-app migrations, for the sites/socialaccount order check.
    public let migrations: [(app: String, name: String, id: Int64)]
    /// `socialaccount_socialapp_sites` exists: the sites framework was installed when socialaccount was migrated.
    public var siteLinksExist: Bool = true

    public static func == (a: DatabaseProviderConfig, b: DatabaseProviderConfig) -> Bool {
        a.apps == b.apps && a.sites == b.sites && a.migrations.map(\.id) == b.migrations.map(\.id)
    }

    static let secretSettingKeys: Set<String> = ["certificate_key", "private_key", "client_secret", "secret", "password", "x509cert_private"]

    static func read(_ db: DatabaseConnection, schema: DjangoSchema) throws -> DatabaseProviderConfig {
        let d = db.dialect
        var sitesByApp: [Int64: [Int64]] = [:]
        if schema.hasSocialAppSites {
            for r in try db.query("SELECT socialapp_id, site_id FROM \(d.quote(DjangoSchema.socialAppSites)) ORDER BY id") {
                if let a = r[0].int, let s = r[1].int { sitesByApp[a, default: []].append(s) }
            }
        }
        var apps: [DatabaseApp] = []
        if schema.hasSocialApps {
            let sql = "SELECT id, provider, provider_id, name, client_id, LENGTH(secret), LENGTH(\(d.quote("key"))), settings FROM \(d.quote(DjangoSchema.socialApp)) ORDER BY id"
            for r in try db.query(sql) {
                let id = r[0].int ?? 0
                let parsed = Self.parseSettings(r[7].string ?? "{}")
                apps.append(DatabaseApp(id: id, provider: r[1].string ?? "", providerID: r[2].string ?? "", name: r[3].string ?? "",
                                        clientID: r[4].string ?? "", secretLength: Int(r[5].int ?? 0), keyLength: Int(r[6].int ?? 0),
                                        settings: parsed.values, scopes: parsed.scopes, settingsKeys: parsed.keys,
                                        siteIDs: sitesByApp[id] ?? [], secretSettingLengths: parsed.secretLengths))
            }
        }
        var sites: [DjangoSite] = []
        if schema.hasSites {
            sites = try db.query("SELECT id, domain, name FROM \(d.quote(DjangoSchema.site)) ORDER BY id").map {
                DjangoSite(id: $0[0].int ?? 0, domain: $0[1].string ?? "", name: $0[2].string ?? "")
            }
        }
        let migrations = try db.query("SELECT app, name, id FROM \(d.quote(DjangoSchema.migrations)) WHERE app IN ('sites', 'socialaccount') ORDER BY id").map {
            (app: $0[0].string ?? "", name: $0[1].string ?? "", id: $0[2].int ?? 0)
        }
        return DatabaseProviderConfig(apps: apps, sites: sites, migrations: migrations, siteLinksExist: schema.hasSocialAppSites)
    }

    /// Keeps only what may be shown; secret-bearing keys keep their name and length.
    static func parseSettings(_ text: String) -> (values: [String: String], scopes: [String]?, keys: [String], secretLengths: [String: Int]) {
        guard text.utf8.count <= ExtraDataSummary.maxParsedBytes, ExtraDataSummary.depth(of: text) <= ExtraDataSummary.maxDepth,
              let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] else { return ([:], nil, [], [:]) }
        var values: [String: String] = [:]
        var scopes: [String]?
        var secretLengths: [String: Int] = [:]
        for (key, value) in object {
            if secretSettingKeys.contains(key) {
                values[key] = "set (\((value as? String)?.count ?? 0) chars)"
                // Python truthiness, which is what allauth tests: "" / null / false / 0 are missing.
                switch value {
                case let s as String: secretLengths[key] = s.count
                case is NSNull: secretLengths[key] = 0
                case let n as NSNumber: secretLengths[key] = n.doubleValue == 0 ? 0 : n.stringValue.count
                case let list as [Any]: secretLengths[key] = list.isEmpty ? 0 : 1
                case let dict as [String: Any]: secretLengths[key] = dict.isEmpty ? 0 : 1
                default: secretLengths[key] = 1
                }
                continue
            }
            switch value {
            case let s as String: values[key] = s
            case let n as NSNumber: values[key] = n.stringValue
            case let list as [Any]:
                let strings = list.compactMap { $0 as? String }
                if key == "scope" { scopes = strings }
                values[key] = strings.joined(separator: " ")
            default: values[key] = "{…}"
            }
        }
        return (values, scopes, object.keys.sorted(), secretLengths)
    }
}

extension AuthStore {
    /// The apps, sites and migrations the provider configuration needs from the database.
    public func databaseProviderConfig() throws -> DatabaseProviderConfig {
        try db.readTransaction { try DatabaseProviderConfig.read(db, schema: schema) }
    }
}
