import Foundation

/// What can go wrong talking to PostgreSQL, each as one line an operator can act on.
///
/// `database` is always the masked URL (`postgres://user:***@host/db`). Details that come
/// from libpq or the server are cut to one line, scrubbed of every secret the connection
/// knows, and never carry a statement's arguments.
public enum PostgreSQLError: UserFacingError, Equatable {
    case invalidURL(url: String, detail: String)
    case authenticationFailed(database: String, user: String)
    case passwordRequired(database: String)
    case databaseNotFound(database: String, name: String)
    case roleNotFound(database: String, user: String)
    case serverUnreachable(database: String, detail: String)
    case unknownHost(database: String, host: String)
    case tlsRequired(database: String)
    case tlsUnavailable(database: String)
    case tlsFailed(database: String, detail: String)
    case notAllowed(database: String, detail: String)
    case serverNotReady(database: String)
    case tooManyConnections(database: String)
    case connectionFailed(database: String, detail: String)
    case connectionLost(database: String)
    case statementTimeout(database: String, milliseconds: Int)
    case readOnly(database: String)
    case accessDenied(database: String, detail: String)

    public var message: String {
        switch self {
        case .invalidURL(let u, let detail):
            return "cannot use database URL \(s(u)): \(s(detail)) (expected postgres://user@host:port/dbname?sslmode=...)"
        case .authenticationFailed(let d, let user):
            return "password authentication failed for user \(s(user)) on \(s(d)): check the password in PGPASSWORD, ~/.pgpass or the URL"
        case .passwordRequired(let d):
            return "\(s(d)) asks for a password and none was given: set PGPASSWORD or add a line to ~/.pgpass"
        case .databaseNotFound(let d, let name):
            return "the server has no database named \(s(name)) (\(s(d))): check the name after the last / of the URL (`psql -l` lists them)"
        case .roleNotFound(let d, let user):
            return "the server has no role named \(s(user)) (\(s(d))): check the user name in the URL, PGUSER or the settings"
        case .serverUnreachable(let d, let detail):
            return "cannot reach the PostgreSQL server of \(s(d)): \(s(detail)); is it running, and are the host and port right?"
        case .unknownHost(let d, let host):
            return "cannot find the host \(s(host)) of \(s(d)): check the host name"
        case .tlsRequired(let d):
            return "the server of \(s(d)) accepts only encrypted connections: add ?sslmode=require to the URL (or set PGSSLMODE=require)"
        case .tlsUnavailable(let d):
            return "the server of \(s(d)) does not offer TLS but sslmode requires it: enable ssl on the server, or use sslmode=prefer"
        case .tlsFailed(let d, let detail):
            return "the TLS connection to \(s(d)) failed: \(s(detail)); check sslmode, sslrootcert and the server's certificate"
        case .notAllowed(let d, let detail):
            return "the server of \(s(d)) refused the connection: \(s(detail)); its pg_hba.conf must allow this host, user and database"
        case .serverNotReady(let d):
            return "the server of \(s(d)) is starting up, shutting down or recovering: try again in a moment"
        case .tooManyConnections(let d):
            return "the server of \(s(d)) has no free connection slots: try again in a moment"
        case .connectionFailed(let d, let detail):
            return "cannot connect to \(s(d)): \(s(detail))"
        case .connectionLost(let d):
            return "the connection to \(s(d)) was lost (server restarted or network cut): the next command or refresh reconnects"
        case .statementTimeout(let d, let ms):
            return "a query on \(s(d)) ran past the \(Self.duration(ms)) statement timeout and was stopped: narrow the search, or raise AUTHCONSOLE_STATEMENT_TIMEOUT (seconds)"
        case .readOnly(let d):
            return "\(s(d)) refused a write: authconsole's sessions are read-only and it never writes"
        case .accessDenied(let d, let detail):
            return "the database role may not read this on \(s(d)): \(s(detail)); grant it SELECT on Django's tables or connect as another role"
        }
    }

    private func s(_ text: String) -> String { UntrustedText.sanitized(text) }

    static func duration(_ ms: Int) -> String {
        ms % 1000 == 0 ? "\(ms / 1000) s" : "\(ms) ms"
    }

    /// One line of a libpq or server message: the `FATAL:`-style prefix and `connection to server
    /// at ... failed:` preamble dropped, whitespace collapsed, every secret replaced by `***`.
    static func clean(_ message: String, secrets: [String]) -> String {
        var text = message
        for secret in secrets.sorted(by: { $0.count > $1.count }) where !secret.isEmpty {
            text = text.replacingAll(secret, with: "***")
        }
        var lines = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
        // libpq 15 puts the server and the cause on one line: `connection to server at "h", port 5432 failed: FATAL:  ...`
        lines = lines.map { line in
            var l = line
            if l.hasPrefix("connection to server"), let r = l.range(of: " failed: ") { l = String(l[r.upperBound...]) }
            for prefix in ["FATAL:", "ERROR:", "could not connect to server:"] where l.hasPrefix(prefix) {
                l = String(l.dropFirst(prefix.count)).trimmingSpaces()
            }
            return l
        }
        var out = lines.first ?? "unknown error"
        var collapsed = ""
        var lastWasSpace = false
        for ch in out {
            let space = ch == " " || ch == "\t"
            if space && lastWasSpace { continue }
            collapsed.append(space ? " " : ch)
            lastWasSpace = space
        }
        out = collapsed
        return out
    }
}

extension StringProtocol {
    fileprivate func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}

extension String {
    fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = self[...]
        while let r = rest.range(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        out += rest
        return out
    }
}
