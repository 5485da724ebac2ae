import CSQLite
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A read-only connection to a Django SQLite database.
///
/// Opened with `SQLITE_OPEN_READONLY` and `PRAGMA query_only`, so not even a bug above this layer
/// can write to the site's database; a busy timeout rides out short write locks.
public final class SQLiteConnection: DatabaseConnection, @unchecked Sendable {
    public let dialect = SQLDialect.sqlite
    public let path: String
    public var displayName: String { path }

    private let handle: OpaquePointer
    /// The file opened (device, inode), to tell when `path` names another file.
    private let fileIdentity: (device: UInt64, inode: UInt64)
    /// This connection's number in the process, the high half of `changeCounter`.
    private let number = ConnectionNumbers.next()
    private var statementCache: [String: OpaquePointer] = [:]
    private var transactionDepth = 0

    public static let defaultBusyTimeoutMilliseconds: Int32 = 5000

    public init(path: String, busyTimeoutMilliseconds: Int32 = SQLiteConnection.defaultBusyTimeoutMilliseconds) throws {
        self.path = path
        let st = try Self.checkFile(path)
        fileIdentity = (UInt64(st.st_dev), UInt64(st.st_ino))
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let opened = db else {
            let detail = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            if let db { sqlite3_close_v2(db) }
            throw DatabaseError.cannotOpen(database: path, detail: detail)
        }
        handle = opened
        sqlite3_extended_result_codes(handle, 1)
        sqlite3_busy_timeout(handle, busyTimeoutMilliseconds)
        do {
            try execute("PRAGMA query_only = 1")
            // 512 KiB of page cache instead of SQLite's 2 MiB: the console keeps four or five
            // connections open, its big reads are full scans the cache cannot hold anyway (the
            // OS file cache serves them), and a page of accounts touches a few dozen pages.
            try execute("PRAGMA cache_size = -512")
            // The first read of the schema is where SQLite notices a non-database or damaged file.
            _ = try query("SELECT count(*) FROM sqlite_master")
        } catch {
            closeHandle()
            throw error
        }
    }

    deinit { closeHandle() }

    private func closeHandle() {
        for (_, stmt) in statementCache { sqlite3_finalize(stmt) }
        statementCache.removeAll()
        sqlite3_close_v2(handle)
    }

    private static func checkFile(_ path: String) throws -> stat {
        var st = stat()
        guard stat(path, &st) == 0 else {
            if errno == EACCES { throw DatabaseError.permissionDenied(path: path) }
            throw DatabaseError.fileNotFound(path: path)
        }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw DatabaseError.isDirectory(path: path) }
        guard access(path, R_OK) == 0 else { throw DatabaseError.permissionDenied(path: path) }
        return st
    }

    /// True when `path` no longer names the file this connection reads: it was deleted, or
    /// replaced by a rename (a deploy, a restore). SQLite keeps reading the old file through its
    /// open descriptor, so a long-lived reader (the console) must open the path again.
    public var sourceChanged: Bool {
        var st = stat()
        guard stat(path, &st) == 0 else { return true }
        return UInt64(st.st_dev) != fileIdentity.device || UInt64(st.st_ino) != fileIdentity.inode
    }

    public func interrupt() { sqlite3_interrupt(handle) }

    /// `PRAGMA data_version` in the low 32 bits and the connection's number above them: the
    /// pragma's values are only comparable on one connection, and a console lane that opened its
    /// file again (deleted or replaced) must not take the old connection's value for its own.
    public func changeCounter() throws -> Int64? {
        guard let version = try queryOne("PRAGMA data_version")?[0].int else { return nil }
        return number << 32 | (version & 0xFFFF_FFFF)
    }

    public func execute(_ sql: String) throws {
        let rc = sqlite3_exec(handle, sql, nil, nil, nil)
        guard rc == SQLITE_OK else { throw error(code: rc) }
    }

    public func readTransaction<T>(_ body: () throws -> T) throws -> T {
        if transactionDepth > 0 { return try body() }
        try execute("BEGIN")
        transactionDepth += 1
        defer { transactionDepth -= 1 }
        do {
            // A deferred transaction takes its snapshot at the first read.
            _ = try query("SELECT 1 FROM sqlite_master LIMIT 1")
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            _ = sqlite3_exec(handle, "ROLLBACK", nil, nil, nil)
            throw error
        }
    }

    public func forEachRow(_ sql: String, _ arguments: [DatabaseValue], _ body: (DatabaseRow) throws -> Bool) throws {
        try step(sql, arguments) { stmt in
            let columnCount = Int32(sqlite3_column_count(stmt))
            var values: [DatabaseValue] = []
            values.reserveCapacity(Int(columnCount))
            for i in 0..<columnCount { values.append(Self.value(stmt, i)) }
            return try body(DatabaseRow(values))
        }
    }

    public func forEachRawRow(_ sql: String, _ arguments: [DatabaseValue], _ body: (RawRow) throws -> Bool) throws {
        try step(sql, arguments) { try body(SQLiteRawRow(stmt: $0)) }
    }

    /// Prepares (or reuses), binds and steps a statement, handing each row's statement to `row`
    /// until it returns false; the statement is reset for its next use however this ends.
    private func step(_ sql: String, _ arguments: [DatabaseValue], _ row: (OpaquePointer) throws -> Bool) throws {
        let stmt = try prepared(sql)
        defer {
            sqlite3_reset(stmt)
            sqlite3_clear_bindings(stmt)
        }
        try bind(arguments, to: stmt)
        while true {
            let rc = sqlite3_step(stmt)
            if rc == SQLITE_DONE { return }
            guard rc == SQLITE_ROW else { throw error(code: rc) }
            guard try row(stmt) else { return }
        }
    }

    private struct SQLiteRawRow: RawRow {
        let stmt: OpaquePointer

        func integer(_ column: Int) -> Int64? {
            sqlite3_column_type(stmt, Int32(column)) == SQLITE_INTEGER ? sqlite3_column_int64(stmt, Int32(column)) : nil
        }

        func text(_ column: Int) -> UnsafeBufferPointer<UInt8>? {
            let i = Int32(column)
            guard sqlite3_column_type(stmt, i) == SQLITE_TEXT else { return nil }
            // column_text before column_bytes, as SQLite documents.
            let p = sqlite3_column_text(stmt, i)
            return UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(stmt, i)))
        }

        func value(_ column: Int) -> DatabaseValue { SQLiteConnection.value(stmt, Int32(column)) }
    }

    private func prepared(_ sql: String) throws -> OpaquePointer {
        if let cached = statementCache[sql] { return cached }
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v2(handle, sql, -1, &stmt, nil)
        guard rc == SQLITE_OK, let stmt else { throw error(code: rc) }
        statementCache[sql] = stmt
        return stmt
    }

    private func bind(_ arguments: [DatabaseValue], to stmt: OpaquePointer) throws {
        for (offset, value) in arguments.enumerated() {
            let i = Int32(offset + 1)
            let rc: Int32
            switch value {
            case .null: rc = sqlite3_bind_null(stmt, i)
            case .integer(let v): rc = sqlite3_bind_int64(stmt, i, v)
            case .real(let v): rc = sqlite3_bind_double(stmt, i, v)
            case .text(let s):
                var utf8 = Array(s.utf8)
                rc = utf8.withUnsafeMutableBufferPointer { buf in
                    sqlite3_bind_text(stmt, i, buf.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }, Int32(buf.count), csqlite_transient())
                }
            case .blob(let b):
                rc = b.withUnsafeBytes { sqlite3_bind_blob(stmt, i, $0.baseAddress, Int32($0.count), csqlite_transient()) }
            }
            guard rc == SQLITE_OK else { throw error(code: rc) }
        }
    }

    fileprivate static func value(_ stmt: OpaquePointer, _ i: Int32) -> DatabaseValue {
        switch sqlite3_column_type(stmt, i) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(stmt, i))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(stmt, i))
        case SQLITE_TEXT:
            let count = Int(sqlite3_column_bytes(stmt, i))
            guard count > 0, let p = sqlite3_column_text(stmt, i) else { return .text("") }
            // Invalid UTF-8 becomes U+FFFD here; NUL bytes inside the text are kept.
            return .text(String(decoding: UnsafeBufferPointer(start: p, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(stmt, i))
            guard count > 0, let p = sqlite3_column_blob(stmt, i) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: p, count: count)))
        default: return .null
        }
    }

    private func error(code: Int32) -> DatabaseError {
        let primary = code & 0xff
        let detail = String(cString: sqlite3_errmsg(handle))
        switch primary {
        case SQLITE_BUSY, SQLITE_LOCKED: return .busy(database: path)
        case SQLITE_INTERRUPT: return .interrupted
        case SQLITE_NOTADB: return .notADatabase(path: path)
        case SQLITE_CORRUPT: return .corrupt(path: path, detail: detail)
        case SQLITE_IOERR: return .corrupt(path: path, detail: "I/O error: \(detail)")
        case SQLITE_CANTOPEN:
            if Self.isWALFile(path) && !Self.folderIsWritable(path) { return .walNeedsWritableFolder(path: path) }
            return .cannotOpen(database: path, detail: detail)
        case SQLITE_READONLY:
            if Self.isWALFile(path) { return .walNeedsWritableFolder(path: path) }
            return .queryFailed(database: path, detail: detail)
        default: return .queryFailed(database: path, detail: detail)
        }
    }

    /// Bytes 18 and 19 of the header are 2 when the database is in WAL mode.
    private static func isWALFile(_ path: String) -> Bool {
        guard let f = fopen(path, "rb") else { return false }
        defer { fclose(f) }
        var header = [UInt8](repeating: 0, count: 20)
        guard fread(&header, 1, 20, f) == 20 else { return false }
        return header[18] == 2 && header[19] == 2
    }

    private static func folderIsWritable(_ path: String) -> Bool {
        var folder = path
        if let slash = folder.lastIndex(of: "/") {
            folder = String(folder[..<slash])
            if folder.isEmpty { folder = "/" }
        } else {
            folder = "."
        }
        return access(folder, W_OK) == 0
    }

    public func tableNames() throws -> [String] {
        try query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").compactMap { $0[0].string }
    }

    public func columns(of table: String) throws -> [ColumnInfo] {
        var references: [String: String] = [:]
        for row in try query("SELECT \"from\", \"table\" FROM pragma_foreign_key_list(?1)", [.text(table)]) {
            if let from = row[0].string, let to = row[1].string { references[from] = to }
        }
        return try query("SELECT name, type, \"notnull\", pk FROM pragma_table_info(?1) ORDER BY cid", [.text(table)]).compactMap { row in
            guard let name = row[0].string else { return nil }
            return ColumnInfo(
                name: name,
                declaredType: row[1].string ?? "",
                isNullable: (row[2].int ?? 0) == 0,
                isPrimaryKey: (row[3].int ?? 0) != 0,
                references: references[name]
            )
        }
    }
}

/// Numbers the connections a process opens, from 1.
private enum ConnectionNumbers {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var last: Int64 = 0

    static func next() -> Int64 {
        lock.lock()
        defer { lock.unlock() }
        last += 1
        return last
    }
}
