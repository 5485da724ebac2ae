#if canImport(Glibc)
import Glibc
#endif

/// Indexes the console's budgets need that a stock allauth schema lacks. The console never
/// creates them (the site's database is opened read-only); `doctor` suggests them with the gain
/// measured on a copy of the 1M-user demo database.
public enum IndexAdvice {
    /// Below this many social accounts a full scan is fast enough; no advice.
    public static let minimumAccounts = 10_000

    /// The measurement behind the advice, compiled in (not computed on the site's database):
    /// `authconsole bench` on `demo --users 1000000` (758,093 social accounts) and on a copy with
    /// the index, 2-core machine, BENCHMARKS.md ("With the suggested index"), medians.
    public static let measured = "measured by `authconsole bench` on the 1M-user SQLite demo database (758,093 accounts) and on a copy with the index, 2 shared cores, medians: accounts first page 311 ms -> 0.14 ms, next page 185 ms -> 0.15 ms, previous page 173 ms -> 0.15 ms, page 20,000 765 ms -> 8.9 ms, and no 0.3 s read of every id before fast paging; the index took 26 MB and 3 s to build"

    public static let dateJoinedIndexName = "socialaccount_socialaccount_date_joined_idx"

    /// The exact statement (Django names indexes with a hash suffix; any name works).
    public static func createDateJoinedIndex(_ dialect: SQLDialect) -> String {
        switch dialect.kind {
        case .sqlite:
            return "CREATE INDEX \"\(dateJoinedIndexName)\" ON \"socialaccount_socialaccount\" (\"date_joined\");"
        case .postgres:
            return "CREATE INDEX CONCURRENTLY \"\(dateJoinedIndexName)\" ON \"socialaccount_socialaccount\" (\"date_joined\", \"id\");"
        }
    }

    /// Info findings for the missing indexes, or none on a small site or when one exists.
    public static func findings(store: AuthStore) throws -> [Finding] {
        guard store.schema.hasSocialAccounts else { return [] }
        let db = store.db
        let count = Int(try db.queryOne("SELECT COUNT(*) FROM \(db.dialect.quote(DjangoSchema.socialAccount))")?[0].int ?? 0)
        guard count >= minimumAccounts else { return [] }
        guard try !leadingColumns(db: db, table: DjangoSchema.socialAccount).contains("date_joined") else { return [] }
        let firstPage = try millisecondsForFirstPage(store)
        return [Finding(
            code: "index-socialaccount-date-joined",
            severity: .info,
            message: "No index on socialaccount_socialaccount.date_joined: every page of the accounts table in its default sort (newest first) scans and sorts all \(count) accounts (the first page took \(firstPage) ms here, just now); \(consoleWithoutIndex(db.dialect.kind)); \(measured).",
            fix: "Create it in a migration or by hand (authconsole never writes to the site's database): \(createDateJoinedIndex(db.dialect))",
            location: DjangoSchema.socialAccount,
            providerID: nil)]
    }

    /// What the console does meanwhile: it keeps an order of ids only on SQLite, whose
    /// data_version says when the order is stale.
    static func consoleWithoutIndex(_ kind: SQLDialect.Kind) -> String {
        switch kind {
        case .sqlite:
            return "the console makes up for it by reading every account id in order once per view and paging from that, but only until the database next changes (any write: a signup, a login)"
        case .postgres:
            return "on PostgreSQL the console pages by keyset, so every page in that sort pays the scan"
        }
    }

    /// The cost the index would remove, measured on this database (a read like any other).
    static func millisecondsForFirstPage(_ store: AuthStore) throws -> Int {
        var start = timespec(), end = timespec()
        clock_gettime(CLOCK_MONOTONIC, &start)
        _ = try store.accounts().page(1)
        clock_gettime(CLOCK_MONOTONIC, &end)
        return (end.tv_sec - start.tv_sec) * 1000 + (end.tv_nsec - start.tv_nsec) / 1_000_000
    }

    /// The first column of every index on the table.
    static func leadingColumns(db: DatabaseConnection, table: String) throws -> Set<String> {
        switch db.dialect.kind {
        case .sqlite:
            var out: Set<String> = []
            for index in try db.query("SELECT name FROM pragma_index_list(?1)", [.text(table)]).compactMap({ $0[0].string }) {
                if let first = try db.queryOne("SELECT name FROM pragma_index_info(?1) WHERE seqno = 0", [.text(index)])?[0].string {
                    out.insert(first)
                }
            }
            return out
        case .postgres:
            let sql = """
                SELECT a.attname FROM pg_index i
                JOIN pg_class c ON c.oid = i.indrelid
                JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = i.indkey[0]
                WHERE c.relname = $1 AND pg_table_is_visible(c.oid)
                """
            return Set(try db.query(sql, [.text(table)]).compactMap { $0[0].string })
        }
    }
}
