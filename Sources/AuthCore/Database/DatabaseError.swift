/// Failures of the database layer. Messages name the database and the problem, never the
/// statement's arguments (they may hold personal data typed into a search).
public enum DatabaseError: UserFacingError, Equatable {
    case fileNotFound(path: String)
    case isDirectory(path: String)
    case permissionDenied(path: String)
    case notADatabase(path: String)
    case corrupt(path: String, detail: String)
    case busy(database: String)
    case interrupted
    case cannotOpen(database: String, detail: String)
    case walNeedsWritableFolder(path: String)
    case notDjango(database: String)
    case queryFailed(database: String, detail: String)
    case unsupportedURL(String)

    public var message: String {
        switch self {
        case .fileNotFound(let p):
            return "no database at \(p): check the path, or pass --db PATH"
        case .isDirectory(let p):
            return "\(p) is a folder, not a database file: pass the SQLite file itself with --db"
        case .permissionDenied(let p):
            return "cannot read \(p): permission denied; run as a user who can read it"
        case .notADatabase(let p):
            return "\(p) is not an SQLite database: pass the site's database file with --db"
        case .corrupt(let p, let detail):
            return "\(p) is damaged (\(detail)): restore it from a backup or check it with `sqlite3 \(p) 'PRAGMA integrity_check'`"
        case .busy(let d):
            return "\(d) is locked by a writer and stayed locked past the busy timeout: try again in a moment"
        case .interrupted:
            return "the query was cancelled"
        case .cannotOpen(let d, let detail):
            return "cannot open \(d): \(detail)"
        case .walNeedsWritableFolder(let p):
            return "\(p) is in WAL mode and its folder is not writable, so SQLite cannot read it safely: run as the site's user, or copy the database (with its -wal file) somewhere writable"
        case .notDjango(let d):
            return "\(d) is not a Django database (it has no django_migrations table): point --db at the site's database"
        case .queryFailed(let d, let detail):
            return "a query on \(d) failed: \(detail)"
        case .unsupportedURL(let u):
            return "cannot use database URL \(u): expected sqlite:///path or postgres://user@host/dbname"
        }
    }
}
