/// Every difference between the SQL that SQLite and PostgreSQL accept, in one place, so the
/// query builders above it stay backend-neutral.
public struct SQLDialect: Equatable, Sendable {
    public enum Kind: String, Sendable { case sqlite, postgres }
    public let kind: Kind

    public static let sqlite = SQLDialect(kind: .sqlite)
    public static let postgres = SQLDialect(kind: .postgres)

    /// The marker for the `index`-th (1-based) bound argument.
    public func placeholder(_ index: Int) -> String {
        kind == .sqlite ? "?\(index)" : "$\(index)"
    }

    public func quote(_ identifier: String) -> String {
        var quoted = "\""
        for ch in identifier {
            if ch == "\"" { quoted.append("\"") }
            quoted.append(ch)
        }
        return quoted + "\""
    }

    /// Django's `icontains`: `LIKE` with `\` as escape on SQLite (ASCII case folding only, as
    /// Django gets there), `UPPER(col::text) LIKE UPPER(...)` on PostgreSQL.
    public func icontains(_ column: String, placeholder: String) -> String {
        switch kind {
        case .sqlite: return "\(column) LIKE \(placeholder) ESCAPE '\\'"
        case .postgres: return "UPPER(\(column)::text) LIKE UPPER(\(placeholder))"
        }
    }

    /// The pattern for `icontains`, with `\`, `%` and `_` in the search text matched literally.
    public func containsPattern(_ text: String) -> String {
        var escaped = ""
        for ch in text {
            if ch == "\\" || ch == "%" || ch == "_" { escaped.append("\\") }
            escaped.append(ch)
        }
        return "%" + escaped + "%"
    }

    /// A datetime bound as Django binds it: naive UTC text on SQLite (compared as text, exactly as
    /// Django's own queries compare it), an explicit-UTC timestamp on PostgreSQL.
    public func dateTimeArgument(_ value: UTCDateTime) -> DatabaseValue {
        switch kind {
        case .sqlite: return .text(value.djangoSQLiteText)
        case .postgres: return .text(value.iso8601)
        }
    }

    /// The UTC calendar date of a datetime column, as `YYYY-MM-DD` text.
    public func utcDate(of column: String) -> String {
        switch kind {
        case .sqlite: return "substr(\(column), 1, 10)"
        case .postgres: return "to_char(\(column) AT TIME ZONE 'UTC', 'YYYY-MM-DD')"
        }
    }

    /// Counts rows where a boolean column is true. Both backends accept a bare column as a
    /// condition (SQLite treats non-zero integers as true).
    public func countTrue(_ column: String) -> String {
        "SUM(CASE WHEN \(column) THEN 1 ELSE 0 END)"
    }

    public func concat(_ parts: [String]) -> String {
        parts.joined(separator: " || ")
    }
}
