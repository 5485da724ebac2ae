/// Where the site's database is. Resolution order: `--db`, `DATABASE_URL`, then the Django
/// project in the current folder.
public enum DatabaseSource: Equatable, Sendable {
    case sqlite(path: String)
    /// A PostgreSQL server: from a `postgres://` URL, a libpq `key=value` string, or the settings'
    /// `DATABASES` (`PostgreSQLParameters(name:user:password:host:port:options:)`).
    case postgres(PostgreSQLParameters)

    /// Where the data comes from, fit to show (a URL's password masked).
    public var displayName: String {
        switch self {
        case .sqlite(let path): return path
        case .postgres(let parameters): return parameters.displayName
        }
    }

    /// Parses `--db` or `DATABASE_URL`: a path, `sqlite:///relative`, `sqlite:////absolute`,
    /// `postgres://user@host:port/dbname?sslmode=...` (also `postgresql://`, `pgsql://`,
    /// `postgis://`), or a libpq keyword string such as `host=db dbname=site`.
    public static func parse(_ text: String) throws -> DatabaseSource {
        if text.hasPrefix("sqlite://") {
            let rest = String(text.dropFirst("sqlite://".count))
            guard rest.hasPrefix("/"), rest.count > 1 else { throw DatabaseError.unsupportedURL(text) }
            // dj-database-url: three slashes then a relative path, four for an absolute one.
            return .sqlite(path: String(rest.dropFirst()))
        }
        if PostgreSQLParameters.isURL(text) || PostgreSQLParameters.isKeywordString(text) {
            return .postgres(try PostgreSQLParameters(url: text))
        }
        if let colon = text.range(of: "://") {
            throw DatabaseError.unsupportedURL(text[..<colon.lowerBound] + "://…")
        }
        return .sqlite(path: text)
    }
}

public enum DatabaseSourceError: UserFacingError, Equatable {
    case noDatabaseFound(folder: String)
    case settingsNotUnderstood(String)

    public var message: String {
        switch self {
        case .noDatabaseFound(let folder):
            return "no database given and no Django project (manage.py) found in \(folder): pass --db PATH, set DATABASE_URL, or run inside the project folder (try --demo for a demo database)"
        case .settingsNotUnderstood(let why):
            return why
        }
    }
}
