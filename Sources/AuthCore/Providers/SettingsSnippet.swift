/// A ready `SOCIALACCOUNT_PROVIDERS` entry, a `.env` template and the redirect URI to register.
/// Credentials are always `os.getenv(...)` lookups: a snippet never carries a secret.
public struct SnippetRequest: Equatable, Sendable {
    public let info: ProviderInfo
    /// The stored id: the provider id, or an OIDC/SAML app's provider_id.
    public let storedID: String
    public let scopes: [String]
    public let callbackURL: String?
    /// For OIDC: the configured server_url, when it is not a secret (it never is).
    public let serverURL: String?

    public init(info: ProviderInfo, storedID: String, scopes: [String], callbackURL: String?, serverURL: String?) {
        self.info = info
        self.storedID = storedID
        self.scopes = scopes
        self.callbackURL = callbackURL
        self.serverURL = serverURL
    }

    /// `GITHUB`, `CORP_SSO`, `PROVIDER_500PX`: an environment-variable stem.
    public var envStem: String {
        var s = ""
        for ch in storedID.uppercased().unicodeScalars {
            s.unicodeScalars.append((ch.properties.isAlphabetic && ch.isASCII) || ("0"..."9").contains(ch) ? ch : "_")
        }
        if let first = s.unicodeScalars.first, ("0"..."9").contains(first) { s = "PROVIDER_" + s }
        return s
    }

    var variables: [String] {
        var v = ["\(envStem)_CLIENT_ID", "\(envStem)_SECRET"]
        if info.id == "apple" { v += ["\(envStem)_KEY", "\(envStem)_CERTIFICATE_KEY"] }
        if info.kind == "openid_connect" { v.append("\(envStem)_SERVER_URL") }
        if info.kind == "saml" { v = ["\(envStem)_IDP_ENTITY_ID", "\(envStem)_IDP_METADATA_URL"] }
        return v
    }
}

public enum SettingsSnippet {
    static func py(_ s: String) -> String {
        var out = "\""
        for ch in s.unicodeScalars {
            switch ch {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            default:
                if ch.value < 0x20 || ch.value == 0x7F || !ch.isASCII { out += "\\u" + hex4(ch.value) } else { out.unicodeScalars.append(ch) }
            }
        }
        return out + "\""
    }

    private static func hex4(_ v: UInt32) -> String {
        let h = String(v, radix: 16)
        return v > 0xFFFF ? String(repeating: "0", count: max(0, 8 - h.count)) + h : String(repeating: "0", count: max(0, 4 - h.count)) + h
    }

    static func env(_ name: String, indent: String = "") -> String { "os.getenv(\(py(name)), \"\")" }

    /// Valid Python for a settings module: `import os` and one `SOCIALACCOUNT_PROVIDERS` dict.
    /// With OpenID Connect apps and a project whose `SOCIALACCOUNT_OPENID_CONNECT_URL_PREFIX` is
    /// not the default, the prefix is set too: the redirect URIs shown depend on it.
    public static func settings(_ requests: [SnippetRequest], oidcPrefix: String = "oidc") -> String {
        var out = "import os\n\n"
        if oidcPrefix != "oidc" && requests.contains(where: { $0.info.kind == "openid_connect" }) {
            out += "# As in the project's settings: the OpenID Connect redirect URIs below depend on it.\n"
            out += "SOCIALACCOUNT_OPENID_CONNECT_URL_PREFIX = \(py(oidcPrefix))\n\n"
        }
        out += "SOCIALACCOUNT_PROVIDERS = {\n"
        // OIDC and SAML apps share one provider key with an APPS list.
        var grouped: [(key: String, items: [SnippetRequest])] = []
        for r in requests {
            let key = (r.info.kind == "openid_connect" || r.info.kind == "saml") ? r.info.id : r.storedID
            if let i = grouped.firstIndex(where: { $0.key == key }) { grouped[i].items.append(r) } else { grouped.append((key, [r])) }
        }
        for group in grouped {
            out += "    \(py(group.key)): {\n"
            let first = group.items[0]
            if first.info.kind == "openid_connect" || first.info.kind == "saml" {
                out += "        \"APPS\": [\n"
                for r in group.items { out += appsEntry(r) }
                out += "        ],\n"
            } else {
                out += "        \"APP\": {\n"
                out += "            \"client_id\": \(env("\(first.envStem)_CLIENT_ID")),\n"
                out += "            \"secret\": \(env("\(first.envStem)_SECRET")),\n"
                if first.info.id == "apple" {
                    out += "            \"key\": \(env("\(first.envStem)_KEY")),\n"
                    out += "            \"settings\": {\"certificate_key\": \(env("\(first.envStem)_CERTIFICATE_KEY"))},\n"
                }
                out += "        },\n"
                if first.info.kind != "oauth" && !first.scopes.isEmpty {
                    out += "        \"SCOPE\": [" + first.scopes.map(py).joined(separator: ", ") + "],\n"
                }
            }
            out += "    },\n"
        }
        out += "}\n"
        for r in requests where r.callbackURL != nil {
            let console = ProviderCatalog.developerConsole(for: r.info.id)
            out += "\n# \(r.storedID): register this redirect URI"
            if let c = console, !c.url.isEmpty { out += " at \(c.url)" }
            out += "\n#   \(r.callbackURL ?? "")\n"
            if let c = console { out += "#   (\(c.redirectField))\n" }
        }
        return out
    }

    private static func appsEntry(_ r: SnippetRequest) -> String {
        var out = "            {\n"
        if r.info.kind == "saml" {
            out += "                \"provider_id\": \(py(r.storedID)),\n"
            out += "                \"client_id\": \(py(r.storedID)),\n"
            out += "                \"settings\": {\n"
            out += "                    \"idp\": {\n"
            out += "                        \"entity_id\": \(env("\(r.envStem)_IDP_ENTITY_ID")),\n"
            out += "                        \"metadata_url\": \(env("\(r.envStem)_IDP_METADATA_URL")),\n"
            out += "                    },\n"
            out += "                },\n"
        } else {
            out += "                \"provider_id\": \(py(r.storedID)),\n"
            out += "                \"name\": \(py(r.storedID)),\n"
            out += "                \"client_id\": \(env("\(r.envStem)_CLIENT_ID")),\n"
            out += "                \"secret\": \(env("\(r.envStem)_SECRET")),\n"
            out += "                \"settings\": {\n"
            out += "                    \"server_url\": \(r.serverURL.map(py) ?? env("\(r.envStem)_SERVER_URL")),\n"
            if !r.scopes.isEmpty { out += "                    \"scope\": [" + r.scopes.map(py).joined(separator: ", ") + "],\n" }
            out += "                },\n"
        }
        return out + "            },\n"
    }

    /// A `.env` template: the variable names with empty values.
    public static func envTemplate(_ requests: [SnippetRequest]) -> String {
        var out = ""
        for r in requests {
            out += "# \(r.storedID)\n"
            for v in r.variables { out += "\(v)=\n" }
        }
        return out
    }

    public static func json(_ requests: [SnippetRequest], oidcPrefix: String = "oidc") -> JSONValue {
        .array(requests.map { r in
            .object([
                ("id", .string(r.storedID)),
                ("provider", .string(r.info.id)),
                ("redirect_uri", .string(r.callbackURL)),
                ("scopes", .array(r.scopes.map { .string($0) })),
                ("env", .array(r.variables.map { .string($0) })),
                ("settings", .string(settings([r], oidcPrefix: oidcPrefix))),
            ])
        })
    }
}
