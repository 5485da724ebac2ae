/// Where the site's database is. Resolution order: `--db`, `DATABASE_URL`, then the Django
/// project in the current folder.
public enum DatabaseSource: Equatable, Sendable {
    case sqlite(path: String)

    /// Parses `--db` or `DATABASE_URL`: a path, or `sqlite:///relative`, `sqlite:////absolute`.
    public static func parse(_ text: String) throws -> DatabaseSource {
        if text.hasPrefix("sqlite://") {
            let rest = String(text.dropFirst("sqlite://".count))
            guard rest.hasPrefix("/"), rest.count > 1 else { throw DatabaseError.unsupportedURL(text) }
            // dj-database-url: three slashes then a relative path, four for an absolute one.
            return .sqlite(path: String(rest.dropFirst()))
        }
        if let colon = text.range(of: "://") {
            let scheme = text[..<colon.lowerBound]
            if scheme.hasPrefix("postgres") || scheme == "pgsql" {
                throw DatabaseSourceError.postgresNotYetSupported
            }
            throw DatabaseError.unsupportedURL(scheme + "://…")
        }
        return .sqlite(path: text)
    }
}

public enum DatabaseSourceError: UserFacingError, Equatable {
    case postgresNotYetSupported
    case noDatabaseFound(folder: String)
    case settingsNotUnderstood(String)

    public var message: String {
        switch self {
        case .postgresNotYetSupported:
            return "PostgreSQL databases are not supported by this build yet: pass an SQLite file with --db"
        case .noDatabaseFound(let folder):
            return "no database given and no Django project (manage.py) found in \(folder): pass --db PATH, set DATABASE_URL, or run inside the project folder (try --demo for a demo database)"
        case .settingsNotUnderstood(let why):
            return why
        }
    }
}
