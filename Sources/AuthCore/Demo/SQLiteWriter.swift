import CSQLite

/// A writable SQLite handle used only to create demo databases in a fresh file. The site's
/// database is never opened through this type.
final class SQLiteWriter {
    private let handle: OpaquePointer
    let path: String

    init(creating path: String) throws {
        self.path = path
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil)
        guard rc == SQLITE_OK, let db else {
            let detail = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            if let db { sqlite3_close_v2(db) }
            throw DemoError.cannotWrite(path: path, detail: detail)
        }
        handle = db
    }

    deinit { sqlite3_close_v2(handle) }

    func execute(_ sql: String) throws {
        let rc = sqlite3_exec(handle, sql, nil, nil, nil)
        guard rc == SQLITE_OK else { throw DemoError.cannotWrite(path: path, detail: String(cString: sqlite3_errmsg(handle))) }
    }

    func prepare(_ sql: String) throws -> Statement {
        var stmt: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &stmt, nil) == SQLITE_OK, let stmt else {
            throw DemoError.cannotWrite(path: path, detail: String(cString: sqlite3_errmsg(handle)))
        }
        return Statement(stmt: stmt, writer: self)
    }

    fileprivate var lastError: String { String(cString: sqlite3_errmsg(handle)) }

    /// A prepared INSERT, run once per row with `insert(_:)`.
    final class Statement {
        private let stmt: OpaquePointer
        private unowned let writer: SQLiteWriter

        fileprivate init(stmt: OpaquePointer, writer: SQLiteWriter) {
            self.stmt = stmt
            self.writer = writer
        }

        deinit { sqlite3_finalize(stmt) }

        func insert(_ values: [DatabaseValue]) throws {
            for (offset, value) in values.enumerated() {
                let i = Int32(offset + 1)
                switch value {
                case .null: sqlite3_bind_null(stmt, i)
                case .integer(let v): sqlite3_bind_int64(stmt, i, v)
                case .real(let v): sqlite3_bind_double(stmt, i, v)
                case .text(let s): _ = s.withCString { sqlite3_bind_text(stmt, i, $0, -1, csqlite_transient()) }
                case .blob(let b): _ = b.withUnsafeBytes { sqlite3_bind_blob(stmt, i, $0.baseAddress, Int32($0.count), csqlite_transient()) }
                }
            }
            let rc = sqlite3_step(stmt)
            sqlite3_reset(stmt)
            guard rc == SQLITE_DONE else { throw DemoError.cannotWrite(path: writer.path, detail: writer.lastError) }
        }
    }
}
