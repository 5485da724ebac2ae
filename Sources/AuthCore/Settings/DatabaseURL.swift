import Foundation

/// Turns a database URL (`postgres://user:pw@host:5432/db?sslmode=require`, `sqlite:///db.sqlite3`)
/// into the dict that `dj_database_url.parse` and django-environ's `env.db()` produce.
public enum DatabaseURL {
    private static let engines: [String: String] = [
        "postgres": "django.db.backends.postgresql",
        "postgresql": "django.db.backends.postgresql",
        "pgsql": "django.db.backends.postgresql",
        "psql": "django.db.backends.postgresql",
        "postgis": "django.contrib.gis.db.backends.postgis",
        "mysql": "django.db.backends.mysql",
        "mysql2": "django.db.backends.mysql",
        "mysqlgis": "django.contrib.gis.db.backends.mysql",
        "mysql-connector": "mysql.connector.django",
        "sqlite": "django.db.backends.sqlite3",
        "sqlite3": "django.db.backends.sqlite3",
        "spatialite": "django.contrib.gis.db.backends.spatialite",
        "oracle": "django.db.backends.oracle",
        "oraclegis": "django.contrib.gis.db.backends.oracle",
        "mssql": "sql_server.pyodbc",
        "redshift": "django_redshift_backend",
        "cockroach": "django_cockroachdb",
        "timescale": "timescale.db.backends.postgresql",
    ]

    /// The settings dict, or nil when the text is not a database URL with a known scheme.
    public static func parse(_ url: String) -> PythonValue? {
        let text = url.trimmingCharacters(in: .whitespaces)
        guard let separator = text.range(of: "://") else { return nil }
        let scheme = text[..<separator.lowerBound].lowercased()
        guard let engine = engines[scheme] else { return nil }
        var rest = String(text[separator.upperBound...])
        if engine.hasSuffix("sqlite3") || engine.hasSuffix("spatialite") {
            // sqlite:///relative.db, sqlite:////absolute.db, sqlite://:memory: and sqlite:// (memory).
            if let query = rest.firstIndex(of: "?") { rest = String(rest[..<query]) }
            var name = rest
            if rest.isEmpty || rest == ":memory:" || rest == "/:memory:" {
                name = ":memory:"
            } else if let slash = rest.firstIndex(of: "/") {
                name = String(rest[rest.index(after: slash)...])
            }
            return .dict([
                DictionaryEntry(key: .string("NAME"), value: .string(percentDecoded(name))),
                DictionaryEntry(key: .string("ENGINE"), value: .string(engine)),
            ])
        }
        var query = ""
        if let mark = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: mark)...])
            rest = String(rest[..<mark])
        }
        if let hash = rest.firstIndex(of: "#") { rest = String(rest[..<hash]) }
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        let path = authorityEnd < rest.endIndex ? String(rest[rest.index(after: authorityEnd)...]) : ""
        var user = ""
        var password = ""
        var hostPort = Substring(authority)
        if let at = authority.lastIndex(of: "@") {
            let info = authority[..<at]
            hostPort = authority[authority.index(after: at)...]
            if let colon = info.firstIndex(of: ":") {
                user = String(info[..<colon])
                password = String(info[info.index(after: colon)...])
            } else {
                user = String(info)
            }
        }
        var host = String(hostPort)
        var port: PythonValue = .string("")
        if hostPort.hasPrefix("["), let close = hostPort.firstIndex(of: "]") {
            host = String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])
            let after = hostPort[hostPort.index(after: close)...]
            if after.hasPrefix(":"), let number = Int(after.dropFirst()) { port = .int(number) }
        } else if let colon = hostPort.lastIndex(of: ":") {
            host = String(hostPort[..<colon])
            let digits = hostPort[hostPort.index(after: colon)...]
            if let number = Int(digits) { port = .int(number) } else if !digits.isEmpty { return nil }
        }
        var entries = [
            DictionaryEntry(key: .string("NAME"), value: .string(percentDecoded(path))),
            DictionaryEntry(key: .string("USER"), value: .string(percentDecoded(user))),
            DictionaryEntry(key: .string("PASSWORD"), value: .string(percentDecoded(password))),
            DictionaryEntry(key: .string("HOST"), value: .string(percentDecoded(host))),
            DictionaryEntry(key: .string("PORT"), value: port),
            DictionaryEntry(key: .string("ENGINE"), value: .string(engine)),
        ]
        var options: [DictionaryEntry] = []
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = percentDecoded(String(parts[0]))
            let value = parts.count > 1 ? percentDecoded(String(parts[1])) : ""
            if ["conn_max_age", "conn_health_checks", "ssl_require"].contains(key) { continue }
            options.append(DictionaryEntry(key: .string(key), value: .string(value)))
        }
        if !options.isEmpty { entries.append(DictionaryEntry(key: .string("OPTIONS"), value: .dict(options))) }
        return .dict(entries)
    }

    static func percentDecoded(_ text: String) -> String {
        guard text.contains("%") else { return text }
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2,
               let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
