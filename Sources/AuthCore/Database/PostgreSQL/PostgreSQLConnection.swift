import CLibPQ
import Foundation

/// A read-only connection to a Django PostgreSQL database through libpq.
///
/// Every session runs with `default_transaction_read_only = on`, `TimeZone = 'UTC'`, ISO dates
/// and a `statement_timeout`; every statement goes through `PQexecParams` with its arguments as
/// separate parameters. `interrupt()` sends a `PQcancel` from any thread. A lost connection fails
/// the statement that found out with one line (`PostgreSQLError.connectionLost`), and the next
/// statement outside a transaction connects again.
public final class PostgreSQLConnection: DatabaseConnection, @unchecked Sendable {
    public let dialect = SQLDialect.postgres
    public let parameters: PostgreSQLParameters
    public let displayName: String
    /// 0 means no timeout.
    public let statementTimeoutMilliseconds: Int

    public static let defaultStatementTimeoutMilliseconds = 30_000
    public static let defaultConnectTimeoutSeconds = 10
    /// Seconds, `0` for none; read by `configuredStatementTimeout()`.
    public static let statementTimeoutVariable = "AUTHCONSOLE_STATEMENT_TIMEOUT"

    private var handle: OpaquePointer?
    private var lost = false
    private var transactionDepth = 0
    private let cancel = CancelHandle()

    public init(parameters: PostgreSQLParameters,
                statementTimeoutMilliseconds: Int = PostgreSQLConnection.configuredStatementTimeout()) throws {
        self.parameters = parameters
        self.displayName = parameters.displayName
        self.statementTimeoutMilliseconds = max(0, statementTimeoutMilliseconds)
        handle = try connect()
    }

    public convenience init(url: String, statementTimeoutMilliseconds: Int = PostgreSQLConnection.configuredStatementTimeout()) throws {
        try self.init(parameters: PostgreSQLParameters(url: url), statementTimeoutMilliseconds: statementTimeoutMilliseconds)
    }

    deinit {
        cancel.replace(nil)
        if let handle { PQfinish(handle) }
    }

    /// `AUTHCONSOLE_STATEMENT_TIMEOUT` in seconds (fractions allowed, 0 for none), else 30 s.
    public static func configuredStatementTimeout(environment: [String: String] = ProcessInfo.processInfo.environment) -> Int {
        guard let text = environment[statementTimeoutVariable], let seconds = Double(text), seconds >= 0, seconds < 86_400 * 365 else {
            return defaultStatementTimeoutMilliseconds
        }
        return Int((seconds * 1000).rounded())
    }

    // MARK: - connecting

    private func connect() throws -> OpaquePointer {
        // Seen as "authconsole" in pg_stat_activity unless the URL or PGAPPNAME names it.
        var list: [PostgreSQLParameters.Keyword] = [.init("fallback_application_name", "authconsole")]
        let env = ProcessInfo.processInfo.environment
        if env["PGCONNECT_TIMEOUT"] == nil { list.append(.init("connect_timeout", String(Self.defaultConnectTimeoutSeconds))) }
        // A cut network shows up within about a minute instead of never (TCP only; libpq skips
        // these for Unix sockets). A URL's own values come later and win.
        list += [.init("keepalives", "1"), .init("keepalives_idle", "30"), .init("keepalives_interval", "10"), .init("keepalives_count", "3")]
        list += parameters.keywords
        list.append(.init("client_encoding", "UTF8"))

        let keys = list.map { strdup($0.name) }
        let values = list.map { strdup($0.value) }
        defer {
            keys.forEach { free($0) }
            values.forEach { free($0) }
        }
        let keyPointers: [UnsafePointer<CChar>?] = keys.map { $0.map { UnsafePointer($0) } } + [nil]
        let valuePointers: [UnsafePointer<CChar>?] = values.map { $0.map { UnsafePointer($0) } } + [nil]
        // expand_dbname 0: a database name is only ever a name, never a connection string.
        let made = keyPointers.withUnsafeBufferPointer { k in
            valuePointers.withUnsafeBufferPointer { v in PQconnectdbParams(k.baseAddress, v.baseAddress, 0) }
        }
        guard let conn = made else { throw PostgreSQLError.connectionFailed(database: displayName, detail: "out of memory") }
        guard PQstatus(conn) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(conn))
            PQfinish(conn)
            throw connectFailure(message)
        }
        PQsetNoticeProcessor(conn, { _, _ in }, nil)  // libpq would print server notices on stderr, over the screen
        do {
            let setup = """
                SELECT set_config('default_transaction_read_only', 'on', false), set_config('TimeZone', 'UTC', false), \
                set_config('DateStyle', 'ISO, YMD', false), set_config('IntervalStyle', 'postgres', false), \
                set_config('statement_timeout', $1, false)
                """
            PQclear(try execute(conn, setup, [.text(String(statementTimeoutMilliseconds))]))
        } catch {
            PQfinish(conn)
            throw error
        }
        cancel.replace(PQgetCancel(conn))
        return conn
    }

    /// The open connection, connecting again first if the last one was lost (never inside a
    /// transaction: its snapshot went with the connection).
    private func liveConnection() throws -> OpaquePointer {
        if let handle, !lost, PQstatus(handle) == CONNECTION_OK { return handle }
        if transactionDepth > 0 { throw PostgreSQLError.connectionLost(database: displayName) }
        cancel.replace(nil)
        if let handle { PQfinish(handle) }
        handle = nil
        let fresh = try connect()
        handle = fresh
        lost = false
        return fresh
    }

    private var secrets: [String] {
        var all = parameters.secrets
        if let p = ProcessInfo.processInfo.environment["PGPASSWORD"], !p.isEmpty { all.append(p) }
        return all
    }

    /// Sorts libpq's connection failure (English; a translated libpq falls through to the
    /// general case, which still shows its first line) into one of the operator's problems.
    private func connectFailure(_ message: String) -> PostgreSQLError {
        let d = displayName
        let detail = PostgreSQLError.clean(message, secrets: secrets)
        func quoted(after marker: String) -> String? {
            guard let r = message.range(of: marker) else { return nil }
            let rest = message[r.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { return nil }
            return String(rest[..<end])
        }
        func has(_ s: String) -> Bool { message.contains(s) }
        if has("password authentication failed") {
            return .authenticationFailed(database: d, user: quoted(after: "for user \"") ?? parameters.value("user") ?? "?")
        }
        if has("no password supplied") || has("password is required") { return .passwordRequired(database: d) }
        if has("database \""), has("\" does not exist"), let name = quoted(after: "database \"") {
            return .databaseNotFound(database: d, name: name)
        }
        if has("role \""), has("\" does not exist"), let user = quoted(after: "role \"") {
            return .roleNotFound(database: d, user: user)
        }
        if has("could not translate host name") {
            return .unknownHost(database: d, host: quoted(after: "host name \"") ?? parameters.value("host") ?? "?")
        }
        if has("server does not support SSL") || has("SSL was required") { return .tlsUnavailable(database: d) }
        if has("no encryption") { return .tlsRequired(database: d) }
        if has("no pg_hba.conf entry") || has("pg_hba.conf rejects") { return .notAllowed(database: d, detail: detail) }
        if has("SSL error") || has("certificate") || has("SSL SYSCALL") { return .tlsFailed(database: d, detail: detail) }
        if has("the database system is") || has("not yet accepting connections") { return .serverNotReady(database: d) }
        if has("too many clients") || has("remaining connection slots") { return .tooManyConnections(database: d) }
        if has("permission denied for database") || has("CONNECT privilege") { return .accessDenied(database: d, detail: detail) }
        for (marker, what) in [("Connection refused", "connection refused"), ("timeout expired", "no answer within the connect timeout"),
                               ("No such file or directory", "no server socket there"), ("Network is unreachable", "network unreachable"),
                               ("No route to host", "no route to host"), ("Connection timed out", "connection timed out")] where has(marker) {
            return .serverUnreachable(database: d, detail: what)
        }
        return .connectionFailed(database: d, detail: detail)
    }

    // MARK: - statements

    public func interrupt() { cancel.cancel() }

    public func readTransaction<T>(_ body: () throws -> T) throws -> T {
        if transactionDepth > 0 { return try body() }
        try command("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        transactionDepth += 1
        defer { transactionDepth -= 1 }
        do {
            let result = try body()
            try command("COMMIT")
            return result
        } catch {
            if let handle, !lost, PQstatus(handle) == CONNECTION_OK {
                PQclear(PQexecParams(handle, "ROLLBACK", 0, nil, nil, nil, nil, 0))
            }
            throw error
        }
    }

    private func command(_ sql: String) throws {
        PQclear(try execute(try liveConnection(), sql, []))
    }

    /// Streams the rows one at a time (libpq's single-row mode), so an export of every account
    /// keeps memory flat as it does on SQLite. Stopping early reads out what the server already
    /// sent, and cancels the statement when much more is on its way.
    public func forEachRow(_ sql: String, _ arguments: [DatabaseValue], _ body: (DatabaseRow) throws -> Bool) throws {
        try stream(sql, arguments) { result, r, kinds in try body(Self.row(result, r, kinds)) }
    }

    /// `forEachRow` without a `DatabaseRow` per row: the row is read in place from libpq's result
    /// (an export of every account decodes no `String` for a plain cell).
    public func forEachRawRow(_ sql: String, _ arguments: [DatabaseValue], _ body: (RawRow) throws -> Bool) throws {
        try stream(sql, arguments) { result, r, kinds in try body(PostgreSQLRawRow(result: result, row: r, kinds: kinds)) }
    }

    private func stream(_ sql: String, _ arguments: [DatabaseValue],
                        _ body: (_ result: OpaquePointer, _ row: Int32, _ kinds: [ValueKind]) throws -> Bool) throws {
        let conn = try liveConnection()
        let sent = try withParameters(arguments) { types, values, lengths, formats in
            PQsendQueryParams(conn, sql, Int32(arguments.count), types, values, lengths, formats, 0)
        }
        guard sent == 1 else { throw statementFailure(nil, conn) }
        _ = PQsetSingleRowMode(conn)
        var kinds: [ValueKind] = []
        var failure: Error?
        var stopped = false
        var skipped = 0
        // Every result must be read, up to the terminating NULL, before the connection is idle again.
        while let result = PQgetResult(conn) {
            defer { PQclear(result) }
            let status = PQresultStatus(result)
            if status == PGRES_SINGLE_TUPLE || status == PGRES_TUPLES_OK {
                for r in 0..<PQntuples(result) {
                    if stopped {
                        skipped += 1
                        if skipped == Self.rowsReadOutBeforeCancelling { cancel.cancel(flagged: false) }
                        continue
                    }
                    if kinds.isEmpty { kinds = (0..<PQnfields(result)).map { ValueKind(oid: PQftype(result, $0)) } }
                    do {
                        if try !body(result, r, kinds) { stopped = true }
                    } catch {
                        failure = error
                        stopped = true
                    }
                }
            } else if status != PGRES_COMMAND_OK && !stopped && failure == nil {
                failure = statementFailure(result, conn)
            }
        }
        if let failure { throw failure }
        if !stopped, PQstatus(conn) != CONNECTION_OK {
            lost = true
            throw PostgreSQLError.connectionLost(database: displayName)
        }
    }

    /// Rows read out and dropped after the caller stopped, before the statement is cancelled.
    static let rowsReadOutBeforeCancelling = 1000

    private static func row(_ result: OpaquePointer, _ r: Int32, _ kinds: [ValueKind]) -> DatabaseRow {
        var values: [DatabaseValue] = []
        values.reserveCapacity(kinds.count)
        for (c, kind) in kinds.enumerated() {
            let column = Int32(c)
            if PQgetisnull(result, r, column) != 0 {
                values.append(.null)
            } else {
                values.append(kind.value(PQgetvalue(result, r, column), length: Int(PQgetlength(result, r, column))))
            }
        }
        return DatabaseRow(values)
    }

    /// Runs one statement with `PQexecParams` and returns its whole result (for commands and
    /// session setup; rows go through `forEachRow`).
    private func execute(_ conn: OpaquePointer, _ sql: String, _ arguments: [DatabaseValue]) throws -> OpaquePointer {
        let made = try withParameters(arguments) { types, values, lengths, formats in
            PQexecParams(conn, sql, Int32(arguments.count), types, values, lengths, formats, 0)
        }
        guard let result = made else { throw statementFailure(nil, conn) }
        let status = PQresultStatus(result)
        guard status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK else {
            let error = statementFailure(result, conn)
            PQclear(result)
            throw error
        }
        return result
    }

    /// The arguments as libpq parameters: text, never spliced into the SQL. Integers are typed
    /// `int8` and reals `float8`; text is left for the server to type from its context, as
    /// Django's own queries leave it (a datetime compares as `timestamptz`); bytes go in binary.
    private func withParameters<R>(_ arguments: [DatabaseValue],
                                   _ body: (UnsafePointer<Oid>?, UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?) -> R) throws -> R {
        var types: [Oid] = []
        var texts: [UnsafeMutablePointer<CChar>?] = []
        var lengths: [Int32] = []
        var formats: [Int32] = []
        defer { texts.forEach { free($0) } }
        for value in arguments {
            switch value {
            case .null:
                types.append(0); texts.append(nil); lengths.append(0); formats.append(0)
            case .integer(let v):
                types.append(ValueKind.int8Oid); texts.append(strdup(String(v))); lengths.append(0); formats.append(0)
            case .real(let v):
                types.append(ValueKind.float8Oid); texts.append(strdup(v.isNaN ? "NaN" : String(v))); lengths.append(0); formats.append(0)
            case .text(let s):
                guard !s.utf8.contains(0) else {
                    throw DatabaseError.queryFailed(database: displayName, detail: "PostgreSQL text cannot hold a NUL character")
                }
                types.append(0); texts.append(strdup(s)); lengths.append(0); formats.append(0)
            case .blob(let bytes):
                // Sent in binary, as bytea; free() below releases the malloc'd copy.
                let copy = malloc(max(1, bytes.count))?.assumingMemoryBound(to: CChar.self)
                if let copy {
                    bytes.withUnsafeBytes { raw in
                        if let base = raw.baseAddress { UnsafeMutableRawPointer(copy).copyMemory(from: base, byteCount: bytes.count) }
                    }
                }
                types.append(ValueKind.byteaOid); texts.append(copy); lengths.append(Int32(bytes.count)); formats.append(1)
            }
        }
        cancel.clearRequest()
        let pointers: [UnsafePointer<CChar>?] = texts.map { $0.map { UnsafePointer($0) } }
        return types.withUnsafeBufferPointer { t in
            pointers.withUnsafeBufferPointer { v in
                lengths.withUnsafeBufferPointer { l in
                    formats.withUnsafeBufferPointer { f in body(t.baseAddress, v.baseAddress, l.baseAddress, f.baseAddress) }
                }
            }
        }
    }

    private func statementFailure(_ result: OpaquePointer?, _ conn: OpaquePointer) -> Error {
        func field(_ code: Character) -> String? {
            guard let result, let ascii = code.asciiValue, let p = PQresultErrorField(result, Int32(ascii)) else { return nil }
            return String(cString: p)
        }
        let state = field("C") ?? ""
        let primary = field("M") ?? String(cString: PQerrorMessage(conn))
        if PQstatus(conn) != CONNECTION_OK || state.hasPrefix("08") || ["57P01", "57P02", "57P03", "25P03"].contains(state) {
            lost = true
            return PostgreSQLError.connectionLost(database: displayName)
        }
        switch state {
        case "57014":
            return cancel.wasRequested ? DatabaseError.interrupted
                : PostgreSQLError.statementTimeout(database: displayName, milliseconds: statementTimeoutMilliseconds)
        case "25006":
            return PostgreSQLError.readOnly(database: displayName)
        case "42501":
            return PostgreSQLError.accessDenied(database: displayName, detail: PostgreSQLError.clean(primary, secrets: secrets))
        default:
            // Data exceptions quote the offending value, which may be what an operator typed.
            if state.hasPrefix("22") {
                return DatabaseError.queryFailed(database: displayName, detail: "a value was invalid for its type or out of range (SQLSTATE \(state))")
            }
            let code = state.isEmpty ? "" : " (SQLSTATE \(state))"
            return DatabaseError.queryFailed(database: displayName, detail: PostgreSQLError.clean(primary, secrets: secrets) + code)
        }
    }

    // MARK: - catalogue

    /// The tables an unqualified name reaches through the session's `search_path`.
    public func tableNames() throws -> [String] {
        let sql = """
            SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND pg_catalog.pg_table_is_visible(c.oid)
              AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'
            ORDER BY c.relname
            """
        return try query(sql).compactMap { $0[0].string }
    }

    public func columns(of table: String) throws -> [ColumnInfo] {
        let sql = """
            SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod), NOT a.attnotnull,
                   EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k
                           WHERE k.conrelid = a.attrelid AND k.contype = 'p' AND a.attnum = ANY (k.conkey)),
                   (SELECT r.relname FROM pg_catalog.pg_constraint k JOIN pg_catalog.pg_class r ON r.oid = k.confrelid
                    WHERE k.conrelid = a.attrelid AND k.contype = 'f' AND k.conkey = ARRAY[a.attnum]
                    ORDER BY k.conname LIMIT 1)
            FROM pg_catalog.pg_attribute a
            WHERE a.attrelid = pg_catalog.to_regclass(pg_catalog.quote_ident($1)) AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum
            """
        return try query(sql, [.text(table)]).compactMap { row in
            guard let name = row[0].string else { return nil }
            return ColumnInfo(name: name, declaredType: row[1].string ?? "", isNullable: row[2].bool ?? true,
                              isPrimaryKey: row[3].bool ?? false, references: row[4].string)
        }
    }

    // MARK: - for tests and diagnostics

    /// The server process serving this session (`pg_backend_pid()`), 0 when not connected.
    public var backendPID: Int32 { handle.map { PQbackendPID($0) } ?? 0 }
    /// `PQserverVersion`, e.g. 150018; 0 when not connected.
    public var serverVersion: Int32 { handle.map { PQserverVersion($0) } ?? 0 }
    /// Whether the session runs over TLS.
    public var usesTLS: Bool { handle.map { PQsslInUse($0) != 0 } ?? false }
}

/// One row of a libpq result, read in place; valid only while the result is (inside the callback).
private struct PostgreSQLRawRow: RawRow {
    let result: OpaquePointer
    let row: Int32
    let kinds: [ValueKind]

    private func bytes(_ column: Int) -> UnsafeBufferPointer<UInt8>? {
        let c = Int32(column)
        guard PQgetisnull(result, row, c) == 0, let p = PQgetvalue(result, row, c) else { return nil }
        return UnsafeBufferPointer(start: UnsafeRawPointer(p).assumingMemoryBound(to: UInt8.self), count: Int(PQgetlength(result, row, c)))
    }

    /// An integer column's value, parsed from its decimal text as `value` would.
    func integer(_ column: Int) -> Int64? {
        guard kinds[column] == .integer, let b = bytes(column), !b.isEmpty else { return nil }
        var v: Int64 = 0
        var i = 0
        let negative = b[0] == UInt8(ascii: "-")
        if negative { i = 1 }
        guard i < b.count else { return nil }
        while i < b.count {
            let d = b[i]
            guard d >= 48, d <= 57 else { return nil }
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (a, o2) = negative ? m.subtractingReportingOverflow(Int64(d - 48)) : m.addingReportingOverflow(Int64(d - 48))
            guard !o1, !o2 else { return nil }
            v = a
            i += 1
        }
        return v
    }

    /// A text column's bytes as the server sent them (UTF-8: the session's client_encoding).
    func text(_ column: Int) -> UnsafeBufferPointer<UInt8>? {
        kinds[column] == .text ? bytes(column) : nil
    }

    func value(_ column: Int) -> DatabaseValue {
        let c = Int32(column)
        if PQgetisnull(result, row, c) != 0 { return .null }
        return kinds[column].value(PQgetvalue(result, row, c), length: Int(PQgetlength(result, row, c)))
    }
}

/// How a result column's text becomes a `DatabaseValue`, decided once per column by type OID.
private enum ValueKind {
    case bool, integer, real, bytea, text

    static let int8Oid: Oid = 20
    static let float8Oid: Oid = 701
    static let byteaOid: Oid = 17

    init(oid: Oid) {
        switch oid {
        case 16: self = .bool
        case 20, 21, 23, 26: self = .integer  // int8, int2, int4, oid
        case 700, 701: self = .real
        case 17: self = .bytea
        default: self = .text
        }
    }

    func value(_ pointer: UnsafeMutablePointer<CChar>?, length: Int) -> DatabaseValue {
        guard let pointer else { return .null }
        let bytes = UnsafeRawBufferPointer(start: pointer, count: length)
        let text = String(decoding: bytes, as: UTF8.self)
        switch self {
        case .bool: return .integer(text == "t" ? 1 : 0)
        case .integer: return Int64(text).map(DatabaseValue.integer) ?? .text(text)
        case .real: return Double(text).map(DatabaseValue.real) ?? .text(text)
        case .bytea: return Self.hexBytes(bytes).map(DatabaseValue.blob) ?? .text(text)
        case .text: return .text(text)
        }
    }

    /// bytea's hex output: `\x` then two hex digits per byte.
    private static func hexBytes(_ b: UnsafeRawBufferPointer) -> [UInt8]? {
        guard b.count >= 2, b[0] == UInt8(ascii: "\\"), b[1] == UInt8(ascii: "x"), b.count % 2 == 0 else { return nil }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: return c - 48
            case 97...102: return c - 87
            case 65...70: return c - 55
            default: return nil
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity((b.count - 2) / 2)
        var i = 2
        while i < b.count {
            guard let hi = nibble(b[i]), let lo = nibble(b[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
            i += 2
        }
        return out
    }
}

/// The `PGcancel` of the current session, usable from any thread: `PQcancel` is thread-safe,
/// and the lock covers swapping it when the connection is made again.
private final class CancelHandle: @unchecked Sendable {
    private let lock = NSLock()
    private var handle: OpaquePointer?
    private var requested = false

    func replace(_ new: OpaquePointer?) {
        lock.lock()
        defer { lock.unlock() }
        if let handle { PQfreeCancel(handle) }
        handle = new
        requested = false
    }

    func clearRequest() {
        lock.lock()
        requested = false
        lock.unlock()
    }

    var wasRequested: Bool {
        lock.lock()
        defer { lock.unlock() }
        return requested
    }

    /// `flagged`: the caller asked (the statement fails as interrupted); unflagged cancels are
    /// the connection's own, for a statement whose rows nobody wants any more.
    func cancel(flagged: Bool = true) {
        lock.lock()
        defer { lock.unlock() }
        guard let handle else { return }
        if flagged { requested = true }
        var buffer = [CChar](repeating: 0, count: 256)
        _ = PQcancel(handle, &buffer, Int32(buffer.count))
    }
}
