import AuthCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `authconsole bench`: times each console operation on a database, beside the database's own
/// command line (`sqlite3`, or `psql` for PostgreSQL) running the minimal SQL for it (the floor)
/// and Django's ORM doing what the original admin plugin does (`Tests/bench/django_bench.py`).
/// Each operation runs in its own child process, so the peak memory reported (the child's maxrss
/// from wait4) is that operation's alone.
enum BenchCommand {
    static let spec = CommandSpec(
        name: "bench",
        summary: "Measures median and p95 wall time and peak memory of each console operation, beside sqlite3 or psql and Django.",
        positionals: [],
        options: [
            OptionSpec(name: "--runs", valueName: "N", help: "timed runs per operation (default 5; fewer when --max-seconds is reached)"),
            OptionSpec(name: "--max-seconds", valueName: "S", help: "stop repeating an operation after this many seconds (default 20)"),
            OptionSpec(name: "--ops", valueName: "LIST", help: "comma-separated operations to run (default all)"),
            OptionSpec(name: "--only", valueName: "OP", help: "run one operation in this process (what the parent spawns)"),
            OptionSpec(name: "--result-file", valueName: "PATH", help: "with --only: where to write one time per line"),
            OptionSpec(name: "--sqlite3", valueName: "PATH", help: "the sqlite3 command line (default sqlite3 on PATH; 'none' to skip)"),
            OptionSpec(name: "--psql", valueName: "PATH", help: "on PostgreSQL: the psql command line (default psql on PATH; 'none' to skip)"),
            OptionSpec(name: "--django-python", valueName: "PATH", help: "a Python with Django and allauth (skip Django when absent)"),
            OptionSpec(name: "--django-script", valueName: "PATH", help: "Tests/bench/django_bench.py"),
            OptionSpec(name: "--search-many", valueName: "TEXT", help: "a search with many matches (default an)"),
            OptionSpec(name: "--search-none", valueName: "TEXT", help: "a search with no match (default zzqx-no-match)"),
            OptionSpec(name: "--user", valueName: "ID", help: "the user to open (default 4242)"),
            OptionSpec(name: "--deep-page", valueName: "N", help: "the deep page (default 20000, or the last page but one on a smaller database)"),
            OptionSpec(name: "--format", valueName: "FORMAT", help: "text (default) or markdown", allowed: ["text", "markdown"]),
            OptionSpec(name: "--tsv", valueName: "PATH", help: "also append each row as tab-separated seconds and KB (for the budgets table)"),
            OptionSpec(name: "--label", valueName: "TEXT", help: "first column of the --tsv rows (default the database path)"),
            OptionSpec(name: "--show-sql", valueName: nil, help: "print the floor's minimal SQL for each operation and stop"),
        ],
        discussion: """
            Times are the operation's own (database open and process start excluded); the floor's are the sum of \
            sqlite3's `.timer` or psql's `\\timing` lines. The database is opened read-only by every side. On PostgreSQL \
            the children get the connection without its password, which goes in their PGPASSWORD; order-build and \
            the -cached pages are SQLite's alone (the console builds an order only where data_version tells it is current).
            """)

    struct Options {
        var db: String
        var now: UTCDateTime
        var runs: Int
        var maxSeconds: Double
        var searchMany: String
        var searchNone: String
        var userID: Int64
        var deepPage: Int
    }

    static let operations = ["dashboard", "providers", "first-page", "deep-page", "next-page", "previous-page",
                             "order-build", "deep-page-cached", "next-page-cached", "previous-page-cached",
                             "sort-change", "search-many", "search-none", "search-count", "open-user", "export"]

    /// The operations that read pages from an order of ids, which the console builds only where the
    /// connection has a change counter to tell the order is still current (SQLite's data_version).
    static let orderOperations: Set<String> = ["order-build", "deep-page-cached", "next-page-cached", "previous-page-cached"]

    /// What Django does for each operation (`django_bench.py`'s names): the console's pages from
    /// an order are compared with the same Paginator pages; building the order has no Django twin.
    static func djangoOperation(_ op: String) -> String? {
        switch op {
        case "order-build": return nil
        case "deep-page-cached": return "deep-page"
        case "next-page-cached": return "next-page"
        case "previous-page-cached": return "previous-page"
        default: return op
        }
    }

    static func run(_ ctx: CommandContext) throws {
        guard let db = ctx.arguments.value("--db") else {
            throw UsageError(message: "bench needs --db PATH (an SQLite file) or --db postgres://... (a PostgreSQL database)")
        }
        let options = Options(
            db: db,
            now: ctx.arguments.value("--now") == nil ? (UTCDateTime(iso8601: "2026-06-15T12:00:00Z") ?? UTCDateTime.now()) : try ctx.now(),
            runs: try ctx.positiveInt("--runs", default: 5, max: 1000),
            maxSeconds: Double(try ctx.positiveInt("--max-seconds", default: 20, max: 3600)),
            searchMany: ctx.arguments.value("--search-many") ?? "an",
            searchNone: ctx.arguments.value("--search-none") ?? "zzqx-no-match",
            userID: Int64(try ctx.positiveInt("--user", default: 4242, max: Int(Int32.max))),
            deepPage: try ctx.positiveInt("--deep-page", default: 20_000, max: Int(Int32.max)))
        if let op = ctx.arguments.value("--only") {
            guard operations.contains(op) else { throw UsageError(message: "--only takes one of \(operations.joined(separator: ", "))") }
            let times = try child(op, options: options, store: try ctx.openStore())
            var text = times.map { String($0) + "\n" }.joined()
            if let peak = ownPeakKB() { text += "peak_kb \(peak)\n" }
            if let path = ctx.arguments.value("--result-file") {
                guard let f = fopen(path, "w") else { throw BenchError(message: "cannot write \(path)") }
                fputs(text, f)
                fclose(f)
            } else {
                StandardOutput.write(text)
            }
            return
        }
        try parent(ctx, options: options)
    }

    // MARK: - one operation, in this process

    static func child(_ op: String, options o: Options, store: AuthStore) throws -> [Double] {
        let defaultPager = try store.accounts()
        var body: () throws -> Void
        switch op {
        case "dashboard": body = { _ = try store.stats(now: o.now, days: 90) }
        case "providers": body = { _ = try store.providerUsage(now: o.now) }
        case "first-page": body = { _ = try defaultPager.page(1) }
        case "deep-page": body = { _ = try defaultPager.page(o.deepPage) }
        case "next-page":
            let deep = try defaultPager.page(o.deepPage)
            body = { _ = try defaultPager.next(after: deep) }
        case "previous-page":
            let deep = try defaultPager.page(o.deepPage)
            body = { _ = try defaultPager.previous(before: deep) }
        case "order-build":
            // What the console reads in the background after a slow page (AccountOrder).
            body = { _ = try defaultPager.order(baseVersion: try defaultPager.changeCounter() ?? 0) }
        case "deep-page-cached", "next-page-cached", "previous-page-cached":
            // The console with the view's order built: the currency check and a primary-key lookup.
            let order = try defaultPager.order(baseVersion: try defaultPager.changeCounter() ?? 0)
            let deep = try defaultPager.page(o.deepPage, in: order)
            body = {
                guard try defaultPager.isCurrent(order) else { throw BenchError(message: "the database changed during the benchmark") }
                switch op {
                case "deep-page-cached": _ = try defaultPager.page(o.deepPage, in: order)
                case "next-page-cached": _ = try defaultPager.next(after: deep, in: order)
                default: _ = try defaultPager.previous(before: deep, in: order)
                }
            }
        case "sort-change":
            let pager = try store.accounts(sort: AccountSort(field: .username, descending: false))
            body = { _ = try pager.page(1) }
        case "search-many":
            let pager = try store.accounts(filter: AccountFilter(search: o.searchMany))
            body = { _ = try pager.page(1) }
        case "search-none":
            let pager = try store.accounts(filter: AccountFilter(search: o.searchNone))
            body = { _ = try pager.page(1) }
        case "search-count":
            let pager = try store.accounts(filter: AccountFilter(search: o.searchMany))
            body = { _ = try pager.count() }
        case "open-user": body = { _ = try store.user(id: o.userID) }
        default:  // export
            body = {
                guard let out = fopen("/dev/null", "w") else { throw BenchError(message: "cannot open /dev/null") }
                defer { fclose(out) }
                // As the console's export writes it: the byte path, in 64 KiB writes.
                var buffer: [UInt8] = Array(CSVWriter.line(AccountRow.csvHeader).utf8)
                buffer.reserveCapacity(1 << 17)
                try defaultPager.forEachCSVLine { line in
                    buffer.append(contentsOf: line)
                    if buffer.count >= 1 << 16 {
                        _ = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, out) }
                        buffer.removeAll(keepingCapacity: true)
                    }
                    return true
                }
                _ = buffer.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, out) }
            }
        }
        var times: [Double] = []
        let started = MonotonicClock.now()
        while times.count < o.runs {
            let t = MonotonicClock.now()
            try body()
            times.append(MonotonicClock.seconds(since: t))
            if MonotonicClock.seconds(since: started) > o.maxSeconds { break }
        }
        return times
    }

    // MARK: - the whole table

    struct Measure {
        var times: [Double]
        var peakKB: Int
        var median: Double? { BenchStats.percentile(times, 0.5) }
        var p95: Double? { BenchStats.percentile(times, 0.95) }
    }

    static func parent(_ ctx: CommandContext, options given: Options) throws {
        let target = try BenchTarget(db: given.db, ctx: ctx)
        let store = try ctx.openStore()
        var o = given
        if ctx.arguments.value("--deep-page") == nil {
            let pages = AccountPager.numberOfPages(count: try store.accounts().count(), pageSize: 25)
            o.deepPage = max(1, min(20_000, pages - 1))
        }
        let hasOrders = try store.accounts().changeCounter() != nil
        let available = hasOrders ? operations : operations.filter { !orderOperations.contains($0) }
        let selected = ctx.arguments.value("--ops").map { $0.split(separator: ",").map(String.init) } ?? available
        if let unknown = selected.first(where: { !operations.contains($0) }) {
            throw UsageError(message: "--ops takes operations from \(operations.joined(separator: ", ")), not \(UntrustedText.sanitized(unknown))")
        }
        if let sqliteOnly = selected.first(where: { !available.contains($0) }) {
            throw UsageError(message: "\(sqliteOnly) reads pages from an order of ids, which the console builds only on SQLite (its data_version tells when the order is stale)")
        }
        let python = ctx.arguments.value("--django-python")
        let script = ctx.arguments.value("--django-script") ?? "Tests/bench/django_bench.py"
        let sql = try minimalSQL(store: store, options: o, dialect: store.db.dialect, withOrder: hasOrders)
        if ctx.arguments.flag("--show-sql") {
            for op in operations where selected.contains(op) {
                StandardOutput.write("-- \(op)\n" + (sql[op].map { $0 + "\n" } ?? "-- (none)\n"))
            }
            return
        }
        let me = ProcessRunner.selfPath()
        let markdown = ctx.arguments.value("--format") == "markdown"
        let tmp = "/tmp/authconsole-bench-\(getpid()).txt"
        let sqlFile = "/tmp/authconsole-bench-\(getpid()).sql"
        defer { unlink(tmp); unlink(sqlFile) }

        var lines: [String] = []
        let floorName = target.floor.name
        let header = ["operation", "authconsole median", "p95", "peak MB", "\(floorName) median", "ratio to \(floorName)",
                      "Django median", "Django / authconsole", "Django peak MB"]
        if markdown {
            lines.append("Deep page \(o.deepPage); \(o.runs) runs per operation at most, \(Int(o.maxSeconds)) s per operation and side at most.\n")
            lines.append("| " + header.joined(separator: " | ") + " |")
            lines.append("|" + header.map { _ in "---" }.joined(separator: "|") + "|")
        } else {
            StandardOutput.write("\(target.shown): deep page \(o.deepPage); load \(loadAverage())\n")
            StandardOutput.write(header.map { pad($0, 14) }.joined(separator: " ") + "\n")
        }
        for op in operations where selected.contains(op) {
            // One fresh process per run on both sides, alternating, so neither keeps a warm page
            // cache the other lacks and a change in the machine's load hits both alike.
            var oursTimes: [Double] = [], oursPeak = 0, oursSeconds = 0.0
            var floorTimes: [Double] = [], floorPeak = 0, floorSeconds = 0.0
            let floorSQL = target.floor.program == "none" ? nil : sql[op]
            if let text = floorSQL, !writeFile(sqlFile, target.floor.script(text)) {
                throw BenchError(message: "cannot write \(sqlFile)")
            }
            var oursFailed = false, floorFailed = floorSQL == nil
            while (!oursFailed && oursTimes.count < o.runs && oursSeconds <= o.maxSeconds)
                    || (!floorFailed && floorTimes.count < o.runs && floorSeconds <= o.maxSeconds) {
                if !oursFailed && oursTimes.count < o.runs && oursSeconds <= o.maxSeconds {
                    let started = MonotonicClock.now()
                    if let m = childMeasure([me, "bench", "--db", target.argument, "--only", op, "--runs", "1",
                                             "--max-seconds", String(Int(o.maxSeconds)), "--search-many", o.searchMany,
                                             "--search-none", o.searchNone, "--user", String(o.userID),
                                             "--deep-page", String(o.deepPage), "--now", o.now.iso8601, "--result-file", tmp],
                                            resultFile: tmp, environment: target.environment) {
                        oursTimes += m.times
                        oursPeak = max(oursPeak, m.peakKB)
                    } else {
                        oursFailed = true
                    }
                    oursSeconds += MonotonicClock.seconds(since: started)
                }
                if !floorFailed && floorTimes.count < o.runs && floorSeconds <= o.maxSeconds {
                    let started = MonotonicClock.now()
                    if let r = ProcessRunner.run(target.floor.argv, stdout: tmp, stdin: sqlFile, environment: target.environment),
                       r.status == 0, let seconds = target.floor.timer(ProcessRunner.readFile(tmp) ?? "") {
                        floorTimes.append(seconds)
                        floorPeak = max(floorPeak, r.peakKB)
                    } else {
                        floorFailed = true
                    }
                    floorSeconds += MonotonicClock.seconds(since: started)
                }
            }
            let ours = oursTimes.isEmpty ? nil : Measure(times: oursTimes, peakKB: oursPeak)
            let floor = floorTimes.isEmpty ? nil : Measure(times: floorTimes, peakKB: floorPeak)
            var django: Measure?
            if let python, let djangoOp = djangoOperation(op) {
                django = childMeasure([python, script, target.argument, djangoOp, String(o.runs), tmp, o.searchMany, o.searchNone, String(o.userID),
                                       String(Int(o.maxSeconds)), String(o.deepPage)], resultFile: tmp, environment: target.environment)
            }
            if let tsv = ctx.arguments.value("--tsv") {
                func sec(_ x: Double?) -> String { x.map { String($0) } ?? "" }
                let row = [ctx.arguments.value("--label") ?? target.shown, op, sec(ours?.median), sec(ours?.p95), ours.map { String($0.peakKB) } ?? "",
                           sec(floor?.median), sec(django?.median), django.map { String($0.peakKB) } ?? ""]
                guard let f = fopen(tsv, "a") else { throw BenchError(message: "cannot append to \(tsv)") }
                fputs(row.joined(separator: "\t") + "\n", f)
                fclose(f)
            }
            let cells = [op, ms(ours?.median), ms(ours?.p95), mb(ours?.peakKB), ms(floor?.median),
                         ratio(ours?.median, floor?.median), ms(django?.median), ratio(django?.median, ours?.median), mb(django?.peakKB)]
            if markdown {
                lines.append("| " + cells.joined(separator: " | ") + " |")
            } else {
                StandardOutput.write(cells.map { pad($0, 14) }.joined(separator: " ") + "\n")
            }
        }
        if markdown { StandardOutput.write(lines.joined(separator: "\n") + "\n") }
    }

    /// The sum over statements of sqlite3's `.timer` lines ("Run Time: real 0.012 user 0.010 sys
    /// 0.001"): real time, or user + sys when real rounds below its millisecond resolution.
    static func sqliteTimer(_ output: String) -> Double? {
        var total = 0.0
        var found = false
        for line in output.split(separator: "\n") where line.hasPrefix("Run Time:") {
            let words = line.split(separator: " ")
            func value(_ key: String) -> Double {
                guard let i = words.firstIndex(where: { $0 == key }), i + 1 < words.count else { return 0 }
                return Double(words[i + 1]) ?? 0
            }
            let real = value("real")
            total += real >= 0.002 ? real : max(real, value("user") + value("sys"))
            found = true
        }
        return found ? total : nil
    }

    /// The sum over statements of psql's `\timing` lines ("Time: 12.345 ms", and past a second
    /// "Time: 1234.567 ms (00:01.235)"), in seconds.
    static func psqlTimer(_ output: String) -> Double? {
        var total = 0.0
        var found = false
        for line in output.split(separator: "\n") where line.hasPrefix("Time: ") {
            let words = line.split(separator: " ")
            guard words.count >= 3, words[2] == "ms", let milliseconds = Double(words[1]) else { return nil }
            total += milliseconds / 1000
            found = true
        }
        return found ? total : nil
    }

    static func writeFile(_ path: String, _ text: String) -> Bool {
        guard let f = fopen(path, "w") else { return false }
        defer { fclose(f) }
        return fputs(text, f) >= 0
    }

    /// The child's own times and peak: its `peak_kb` line when it wrote one, else wait4's maxrss
    /// (which Linux raises at exec to the spawning process's peak, so it is an upper bound).
    static func childMeasure(_ argv: [String], resultFile: String, environment: [String: String]? = nil) -> Measure? {
        unlink(resultFile)
        guard let r = ProcessRunner.run(argv, stdout: "/dev/null", environment: environment), r.status == 0 else { return nil }
        guard let text = ProcessRunner.readFile(resultFile) else { return nil }
        let lines = text.split(separator: "\n")
        let times = lines.compactMap { Double($0) }
        let own = lines.first { $0.hasPrefix("peak_kb ") }.flatMap { Int($0.dropFirst("peak_kb ".count)) }
        return times.isEmpty ? nil : Measure(times: times, peakKB: own ?? r.peakKB)
    }

    /// VmHWM: this address space's peak resident memory, in KB.
    static func ownPeakKB() -> Int? {
        guard let status = ProcessRunner.readFile("/proc/self/status") else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return line.split(separator: " ").dropFirst().first.flatMap { Int($0) }
        }
        return nil
    }

    /// The minimal SQL for each operation, as literal text for the database's command line: a
    /// datetime as Django compares it (naive UTC text on SQLite, a `timestamptz` on PostgreSQL),
    /// the UTC date and `icontains` as the app's `SQLDialect` writes them. `withOrder`: also the
    /// pages read from an order of ids (SQLite only; see `orderOperations`).
    static func minimalSQL(store: AuthStore, options o: Options, dialect d: SQLDialect, withOrder: Bool) throws -> [String: String] {
        func lit(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "''") + "'" }
        func like(_ s: String) -> String {
            lit("%" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%")
        }
        func time(_ t: UTCDateTime) -> String {
            d.kind == .sqlite ? lit(t.djangoSQLiteText) : "TIMESTAMPTZ " + lit(t.iso8601)
        }
        let since7 = time(o.now.adding(days: -7))
        let since30 = time(o.now.adding(days: -30))
        let firstDay = time(UTCDateTime(date: o.now.date.adding(days: -89)))
        let nextDay = time(UTCDateTime(date: o.now.date.adding(days: 1)))
        let providers = """
            SELECT sa.provider, COUNT(*), COUNT(DISTINCT CASE WHEN u.last_login >= \(since30) THEN sa.user_id END), \
            COUNT(DISTINCT CASE WHEN sa.last_login >= \(since30) THEN sa.user_id END), MAX(sa.date_joined) \
            FROM socialaccount_socialaccount sa JOIN auth_user u ON u.id = sa.user_id GROUP BY sa.provider ORDER BY sa.provider;
            """
        let columns = "sa.id, sa.user_id, u.username, u.email, sa.provider, sa.uid, sa.date_joined, sa.last_login"
        let from = "socialaccount_socialaccount sa JOIN auth_user u ON u.id = sa.user_id"
        let newest = "ORDER BY sa.date_joined DESC, sa.id DESC"
        func search(_ s: String) -> String {
            "(" + ["u.username", "u.email", "sa.uid"].map { d.icontains($0, placeholder: like(s)) }.joined(separator: " OR ") + ")"
        }
        var sql: [String: String] = [
            "dashboard": """
                SELECT COUNT(*), SUM(CASE WHEN date_joined >= \(since7) THEN 1 ELSE 0 END), SUM(CASE WHEN is_staff THEN 1 ELSE 0 END), \
                SUM(CASE WHEN is_superuser THEN 1 ELSE 0 END), SUM(CASE WHEN is_active THEN 1 ELSE 0 END) FROM auth_user;
                SELECT \(d.utcDate(of: "date_joined")) AS day, COUNT(*) FROM auth_user WHERE date_joined >= \(firstDay) AND date_joined < \(nextDay) GROUP BY day;
                SELECT COUNT(DISTINCT user_id) FROM socialaccount_socialaccount;
                SELECT DISTINCT CASE WHEN provider_id <> '' THEN provider_id ELSE provider END FROM socialaccount_socialapp;
                \(providers)
                """,
            "providers": providers,
            "first-page": "SELECT \(columns) FROM \(from) \(newest) LIMIT 26;",
            // The deferred join: skip over narrow (date_joined, id) entries, then read 26 rows.
            "deep-page": """
                SELECT \(columns) FROM \(from) WHERE sa.id IN (SELECT sa.id FROM socialaccount_socialaccount sa \(newest) \
                LIMIT 26 OFFSET \((o.deepPage - 1) * 25)) \(newest);
                """,
            "order-build": "SELECT sa.id FROM socialaccount_socialaccount sa \(newest);",
            "sort-change": "SELECT \(columns) FROM \(from) ORDER BY u.username ASC, sa.id ASC LIMIT 26;",
            "search-many": "SELECT \(columns) FROM \(from) WHERE \(search(o.searchMany)) \(newest) LIMIT 26;",
            "search-none": "SELECT \(columns) FROM \(from) WHERE \(search(o.searchNone)) \(newest) LIMIT 26;",
            "search-count": "SELECT COUNT(*) FROM \(from) WHERE \(search(o.searchMany));",
            "open-user": """
                SELECT * FROM auth_user WHERE id = \(o.userID);
                SELECT g.name FROM auth_group g JOIN auth_user_groups ug ON ug.group_id = g.id WHERE ug.user_id = \(o.userID);
                SELECT ct.app_label, p.codename FROM auth_permission p JOIN django_content_type ct ON ct.id = p.content_type_id \
                WHERE p.id IN (SELECT permission_id FROM auth_user_user_permissions WHERE user_id = \(o.userID) \
                UNION SELECT gp.permission_id FROM auth_group_permissions gp JOIN auth_user_groups ug ON ug.group_id = gp.group_id WHERE ug.user_id = \(o.userID));
                SELECT id, provider, uid, date_joined, last_login FROM socialaccount_socialaccount WHERE user_id = \(o.userID) ORDER BY id;
                SELECT email, verified, "primary" FROM account_emailaddress WHERE user_id = \(o.userID) ORDER BY id;
                """,
            "export": "SELECT \(columns) FROM \(from) \(newest);",
        ]
        // Pages from an order: the page's ids as literals, read by primary key.
        if withOrder {
            let pager = try store.accounts()
            let order = try pager.order(baseVersion: 0)
            for (op, number) in [("deep-page-cached", o.deepPage), ("next-page-cached", o.deepPage + 1), ("previous-page-cached", o.deepPage - 1)] {
                let ids = try pager.page(number, in: order).rows.map { String($0.id) }
                if !ids.isEmpty { sql[op] = "SELECT \(columns) FROM \(from) WHERE sa.id IN (\(ids.joined(separator: ", "))) \(newest);" }
            }
        }
        // The keyset pages around page 20,000, with the boundary rows' values as literals.
        let deep = try store.accounts().page(o.deepPage)
        if let last = deep.rows.last, let first = deep.rows.first, let lastJoined = last.dateJoined, let firstJoined = first.dateJoined {
            sql["next-page"] = "SELECT \(columns) FROM \(from) WHERE (sa.date_joined, sa.id) < (\(time(lastJoined)), \(last.id)) \(newest) LIMIT 26;"
            sql["previous-page"] = "SELECT \(columns) FROM \(from) WHERE (sa.date_joined, sa.id) > (\(time(firstJoined)), \(first.id)) ORDER BY sa.date_joined ASC, sa.id ASC LIMIT 26;"
        }
        return sql
    }

    static func ms(_ seconds: Double?) -> String {
        guard let s = seconds else { return "–" }
        return s >= 1 ? String(format2(s)) + " s" : String(format2(s * 1000)) + " ms"
    }

    static func mb(_ kb: Int?) -> String { kb.map { format2(Double($0) / 1024) } ?? "–" }

    static func ratio(_ a: Double?, _ b: Double?) -> String {
        guard let a, let b, b > 0 else { return "–" }
        return format2(a / b) + "x"
    }

    static func format2(_ x: Double) -> String {
        let digits = x >= 100 ? 0 : (x >= 10 ? 1 : 2)
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (x * scale).rounded() / scale
        var text = String(rounded)
        if digits == 0, text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
    }

    static func loadAverage() -> String {
        (ProcessRunner.readFile("/proc/loadavg") ?? "").split(separator: " ").prefix(3).joined(separator: " ")
    }
}

/// The database as the children reach it, and the floor that runs the minimal SQL on it.
///
/// SQLite: the path as given, and `sqlite3 -readonly`. PostgreSQL: a libpq connection string
/// without the password (the password, when the spec has one, goes in the children's
/// PGPASSWORD: never on a command line, never on a printed line), and `psql`.
struct BenchTarget {
    struct Floor {
        /// The column header's name: sqlite3 or psql.
        let name: String
        /// The program, or "none" to skip the floor.
        let program: String
        let argv: [String]
        /// The script the program reads on stdin, around the SQL.
        let script: (String) -> String
        /// The statements' own time from the program's output, in seconds.
        let timer: (String) -> Double?
    }

    /// `--db` for the children and DB for Django.
    let argument: String
    /// The database on printed lines (a password masked as `***`).
    let shown: String
    /// The children's whole environment; nil: this process's own.
    let environment: [String: String]?
    let floor: Floor

    init(db: String, ctx: CommandContext) throws {
        switch try DatabaseSource.parse(db) {
        case .sqlite:
            if ctx.arguments.value("--psql") != nil { throw UsageError(message: "--psql is for a PostgreSQL database; this one is SQLite (use --sqlite3)") }
            argument = db
            shown = db
            environment = nil
            let sqlite3 = ctx.arguments.value("--sqlite3") ?? "sqlite3"
            floor = Floor(name: "sqlite3", program: sqlite3, argv: [sqlite3, "-readonly", "-csv", db],
                          script: { ".timer on\n.output /dev/null\n" + $0 + "\n" }, timer: BenchCommand.sqliteTimer)
        case .postgres(let parameters):
            if ctx.arguments.value("--sqlite3") != nil { throw UsageError(message: "--sqlite3 is for an SQLite database; this one is PostgreSQL (use --psql)") }
            argument = Self.connectionString(parameters.keywords.filter { $0.name != "password" })
            shown = parameters.displayName
            if let password = parameters.value("password") {
                var env = ctx.environment
                env["PGPASSWORD"] = password
                environment = env
            } else {
                environment = nil
            }
            let psql = ctx.arguments.value("--psql") ?? "psql"
            // -X: no ~/.psqlrc; the session is read-only as the console's is, and only the
            // statements themselves are timed.
            floor = Floor(name: "psql", program: psql, argv: [psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", argument],
                          script: { "SET default_transaction_read_only = on;\nSET TimeZone = 'UTC';\n\\timing on\n\\o /dev/null\n" + $0 + "\n" },
                          timer: BenchCommand.psqlTimer)
        }
    }

    /// libpq's `key='value' ...` form (a backslash or quote escaped by a backslash), which psql's
    /// -d, the console's --db and psycopg all take; `postgresql://` when every value comes from
    /// libpq's environment.
    static func connectionString(_ keywords: [PostgreSQLParameters.Keyword]) -> String {
        guard !keywords.isEmpty else { return "postgresql://" }
        return keywords.map { k in
            k.name + "='" + k.value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
        }.joined(separator: " ")
    }
}

enum BenchStats {
    /// Nearest-rank percentile (p95 of 5 runs is the slowest run).
    static func percentile(_ values: [Double], _ p: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        if p == 0.5 {
            let n = sorted.count
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
        }
        let rank = Int((p * Double(sorted.count)).rounded(.up))
        return sorted[min(sorted.count, max(1, rank)) - 1]
    }
}

struct BenchError: UserFacingError {
    let message: String
}

/// posix_spawn + wait4: a child's wall time, exit status and peak resident memory.
enum ProcessRunner {
    struct Result {
        let seconds: Double
        let peakKB: Int
        let status: Int32
    }

    /// `environment`: the child's whole environment; nil hands it this process's own.
    static func run(_ argv: [String], stdout: String, stdin: String = "/dev/null", environment: [String: String]? = nil) -> Result? {
        guard let program = argv.first else { return nil }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) }
        cArgs.append(nil)
        defer { for p in cArgs { free(p) } }
        var cEnv: [UnsafeMutablePointer<CChar>?] = (environment ?? [:]).sorted { $0.key < $1.key }.map { strdup($0.key + "=" + $0.value) }
        cEnv.append(nil)
        defer { for p in cEnv { free(p) } }
        var pid = pid_t()
        let start = MonotonicClock.now()
        let spawned = environment == nil ? posix_spawnp(&pid, program, &actions, nil, cArgs, environ)
                                         : posix_spawnp(&pid, program, &actions, nil, cArgs, cEnv)
        guard spawned == 0 else { return nil }
        var status: Int32 = 0
        var usage = rusage()
        guard wait4(pid, &status, 0, &usage) == pid else { return nil }
        return Result(seconds: MonotonicClock.seconds(since: start), peakKB: Int(usage.ru_maxrss), status: status)
    }

    static func selfPath() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard n > 0 else { return CommandLine.arguments.first ?? "authconsole" }
        return String(decoding: buffer.prefix(Int(n)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func readFile(_ path: String) -> String? {
        guard let f = fopen(path, "r") else { return nil }
        defer { fclose(f) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&chunk, 1, chunk.count, f)
            if n <= 0 { break }
            bytes.append(contentsOf: chunk.prefix(n))
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
