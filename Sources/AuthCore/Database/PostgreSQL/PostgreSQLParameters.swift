import CLibPQ
import Foundation

/// How to reach a PostgreSQL server, as libpq connection keywords in order.
///
/// URLs and `key=value` strings are parsed by libpq itself (`PQconninfoParse`), so percent
/// escapes, several hosts, `?sslmode=`, `?service=` and every other libpq option mean exactly
/// what they mean to `psql`. Whatever is left unset here libpq fills in as always: `PGHOST`,
/// `PGPORT`, `PGUSER`, `PGPASSWORD`, `~/.pgpass`, `PGSSLMODE`, `PGSERVICE` and service files.
/// Nothing of that is reimplemented here.
public struct PostgreSQLParameters: Equatable, Sendable {
    public struct Keyword: Equatable, Sendable {
        public let name: String
        public let value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The keywords given (from the URL, or from Django's DATABASES), in order.
    public let keywords: [Keyword]

    /// The connection as an operator may see it: a `postgres://` URL with any password as `***`.
    public var displayName: String { Self.display(keywords) }

    public init(keywords: [Keyword]) {
        self.keywords = keywords.filter { !$0.value.isEmpty }
    }

    /// `postgres://`, `postgresql://` (libpq's own URI forms) and `pgsql://`, `postgis://`
    /// (dj-database-url's aliases, rewritten to `postgresql://` for libpq).
    public static let urlSchemes = ["postgres", "postgresql", "pgsql", "postgis"]

    /// True for the URLs `init(url:)` takes.
    public static func isURL(_ text: String) -> Bool {
        guard let r = text.range(of: "://") else { return false }
        return urlSchemes.contains(text[..<r.lowerBound].lowercased())
    }

    /// True for a libpq `key=value ...` string whose first keyword libpq knows (`host=db dbname=site`).
    public static func isKeywordString(_ text: String) -> Bool {
        let trimmed = text.drop { $0 == " " || $0 == "\t" }
        guard let eq = trimmed.firstIndex(of: "=") else { return false }
        let key = trimmed[..<eq].trimmingCharacters(in: .whitespaces)
        return !key.isEmpty && knownKeywords().contains(key)
    }

    /// Parses a `postgres://user@host:port/dbname?sslmode=...` URL (or a libpq keyword string).
    public init(url text: String) throws {
        var conninfo = text
        if let r = text.range(of: "://") {
            let scheme = text[..<r.lowerBound].lowercased()
            if scheme == "pgsql" || scheme == "postgis" {
                conninfo = "postgresql://" + text[r.upperBound...]
            }
        }
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(conninfo, &errorMessage) else {
            let detail = errorMessage.map { String(cString: $0) } ?? "out of memory"
            if let errorMessage { PQfreemem(errorMessage) }
            let masked = Self.maskedURLText(text)
            throw PostgreSQLError.invalidURL(url: masked, detail: PostgreSQLError.clean(detail, secrets: Self.urlSecrets(text)))
        }
        defer { PQconninfoFree(options) }
        var parsed: [Keyword] = []
        var p = options
        while let keyword = p.pointee.keyword {
            if let value = p.pointee.val {
                parsed.append(Keyword(String(cString: keyword), String(cString: value)))
            }
            p += 1
        }
        self.init(keywords: parsed)
    }

    /// From Django's `DATABASES` entry for the `postgresql` engine: `NAME`, `USER`, `PASSWORD`,
    /// `HOST`, `PORT` and `OPTIONS` (which Django hands to libpq as connection keywords; keys
    /// libpq does not know, such as Django's own `isolation_level` or `pool`, are left out).
    /// Empty values are unset, so libpq's environment and `~/.pgpass` defaults apply, as they do
    /// for Django itself.
    public init(name: String?, user: String?, password: String?, host: String?, port: String?, options: [String: String] = [:]) {
        var list: [Keyword] = []
        let known = Self.knownKeywords()
        for key in options.keys.sorted() where known.contains(key) {
            if let value = options[key] { list.append(Keyword(key, value)) }
        }
        if let host { list.append(Keyword("host", host)) }
        if let port { list.append(Keyword("port", port)) }
        if let name { list.append(Keyword("dbname", name)) }
        if let user { list.append(Keyword("user", user)) }
        if let password { list.append(Keyword("password", password)) }
        self.init(keywords: list)
    }

    /// From what the settings reader found in `DATABASES` (its `PostgresParameters`).
    public init(settings p: PostgresParameters) {
        self.init(name: p.name, user: p.user, password: p.password, host: p.host, port: p.port.map(String.init), options: p.options)
    }

    public func value(_ name: String) -> String? { keywords.last { $0.name == name }?.value }

    /// Values that must never be shown: the password and any other option libpq marks secret.
    public var secrets: [String] {
        let secret = Self.secretKeywords()
        return keywords.filter { secret.contains($0.name) }.map(\.value).filter { !$0.isEmpty }
    }

    // MARK: - display

    static func display(_ keywords: [Keyword]) -> String {
        var rest = keywords
        func take(_ name: String) -> String? {
            let v = rest.last { $0.name == name }?.value
            rest.removeAll { $0.name == name }
            return v
        }
        let user = take("user")
        let password = take("password")
        var host = take("host") ?? ""
        let port = take("port")
        let dbname = take("dbname")
        var out = "postgres://"
        if user != nil || password != nil {
            out += user ?? ""
            if password != nil { out += ":***" }
            out += "@"
        }
        var query: [String] = []
        if host.hasPrefix("/") || host.hasPrefix("@") {
            query.append("host=" + host)  // a Unix-socket folder
            host = ""
        }
        let hosts = host.isEmpty ? [] : host.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let ports = port.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) } ?? []
        if hosts.count > 1 && ports.count == hosts.count {
            out += zip(hosts, ports).map { bracketed($0) + ($1.isEmpty ? "" : ":" + $1) }.joined(separator: ",")
        } else {
            out += hosts.map(bracketed).joined(separator: ",")
            if let port, !port.isEmpty { out += ":" + port }
        }
        out += "/" + (dbname ?? "")
        let secret = secretKeywords()
        for k in rest {
            query.append(k.name + "=" + (secret.contains(k.name) ? "***" : k.value))
        }
        if !query.isEmpty { out += "?" + query.joined(separator: "&") }
        return out
    }

    private static func bracketed(_ host: String) -> String {
        host.contains(":") && !host.hasPrefix("[") ? "[" + host + "]" : host
    }

    /// A URL as typed, with the password of `user:password@` and any `password=` query value
    /// replaced by `***`; for messages about URLs that libpq could not parse.
    public static func maskedURLText(_ text: String) -> String {
        var out = text
        if let schemeEnd = out.range(of: "://") {
            let afterScheme = out[schemeEnd.upperBound...]
            let authorityEnd = afterScheme.firstIndex { $0 == "/" || $0 == "?" } ?? afterScheme.endIndex
            let authority = afterScheme[..<authorityEnd]
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                out.replaceSubrange(out.index(after: colon)..<at, with: "***")
            }
        }
        guard let q = out.firstIndex(of: "?") else { return out }
        let items = out[out.index(after: q)...].split(separator: "&", omittingEmptySubsequences: false).map { item -> String in
            let key = item.split(separator: "=", maxSplits: 1).first.map(String.init) ?? ""
            return secretKeywords().contains(key) ? key + "=***" : String(item)
        }
        return String(out[...q]) + items.joined(separator: "&")
    }

    /// The password as it appears in a URL, raw and percent-decoded, for scrubbing messages.
    static func urlSecrets(_ text: String) -> [String] {
        guard let schemeEnd = text.range(of: "://") else { return [] }
        let afterScheme = text[schemeEnd.upperBound...]
        let authorityEnd = afterScheme.firstIndex { $0 == "/" || $0 == "?" } ?? afterScheme.endIndex
        let authority = afterScheme[..<authorityEnd]
        var found: [String] = []
        if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
            let raw = String(authority[authority.index(after: colon)..<at])
            found.append(raw)
            if let decoded = raw.removingPercentEncoding { found.append(decoded) }
        }
        if let q = text.firstIndex(of: "?") {
            for item in text[text.index(after: q)...].split(separator: "&") {
                let kv = item.split(separator: "=", maxSplits: 1).map(String.init)
                if kv.count == 2, secretKeywords().contains(kv[0]) {
                    found.append(kv[1])
                    if let decoded = kv[1].removingPercentEncoding { found.append(decoded) }
                }
            }
        }
        return found.filter { !$0.isEmpty }
    }

    // MARK: - libpq's own list of options

    private struct OptionCatalogue: Sendable {
        let known: Set<String>
        let secret: Set<String>
    }

    private static let catalogue: OptionCatalogue = {
        var known = Set<String>()
        var secret: Set<String> = ["password"]
        if let defaults = PQconndefaults() {
            var p = defaults
            while let keyword = p.pointee.keyword {
                let name = String(cString: keyword)
                known.insert(name)
                // libpq marks options whose values must be hidden with dispchar "*".
                if let disp = p.pointee.dispchar, disp.pointee == CChar(UInt8(ascii: "*")) { secret.insert(name) }
                p += 1
            }
            PQconninfoFree(defaults)
        }
        return OptionCatalogue(known: known, secret: secret)
    }()

    static func knownKeywords() -> Set<String> { catalogue.known }
    static func secretKeywords() -> Set<String> { catalogue.secret }
}
