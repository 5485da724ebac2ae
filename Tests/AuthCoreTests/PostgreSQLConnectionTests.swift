import Foundation
import XCTest
@testable import AuthCore

/// The session itself: its settings, read-only, cancel, timeout, reconnection, value mapping,
/// the catalogue, and one clear line (never with the password) for each way connecting fails.
final class PostgreSQLConnectionTests: XCTestCase {
    func testSessionSettings() throws {
        let db = try PostgreSQLTestServer.require().connection(statementTimeoutMilliseconds: 12_345)
        func show(_ name: String) throws -> String? { try db.queryOne("SELECT current_setting($1)", [.text(name)])?[0].string }
        XCTAssertEqual(try show("default_transaction_read_only"), "on")
        XCTAssertEqual(try show("transaction_read_only"), "on")
        XCTAssertEqual(try show("TimeZone"), "UTC")
        XCTAssertEqual(try show("DateStyle"), "ISO, YMD")
        XCTAssertEqual(try show("statement_timeout"), "12345ms")
        XCTAssertEqual(try show("application_name"), "authconsole")
        XCTAssertEqual(try show("client_encoding"), "UTF8")
        XCTAssertEqual(db.dialect, .postgres)
        XCTAssertGreaterThan(db.serverVersion, 90_600)
    }

    func testReadTransactionIsOneReadOnlyRepeatableReadSnapshot() throws {
        let db = try PostgreSQLTestServer.require().connection()
        let (isolation, readOnly, sameSnapshot) = try db.readTransaction { () throws -> (String?, String?, Bool) in
            let iso = try db.queryOne("SELECT current_setting('transaction_isolation')")?[0].string
            let ro = try db.queryOne("SELECT current_setting('transaction_read_only')")?[0].string
            let a = try db.queryOne("SELECT pg_current_snapshot()::text")?[0].string
            _ = try db.queryOne("SELECT pg_sleep(0.05)")
            let b = try db.queryOne("SELECT pg_current_snapshot()::text")?[0].string
            return (iso, ro, a == b && a != nil)
        }
        XCTAssertEqual(isolation, "repeatable read")
        XCTAssertEqual(readOnly, "on")
        XCTAssertTrue(sameSnapshot)
        // Nested calls join the outer transaction; afterwards the session is idle again.
        try db.readTransaction { try db.readTransaction { _ = try db.query("SELECT 1") } }
        XCTAssertEqual(try db.queryOne("SELECT current_setting('transaction_isolation')")?[0].string, "read committed")
    }

    func testEveryWriteIsRefused() throws {
        let server = try PostgreSQLTestServer.require()
        let db = try server.connection()
        let writes = [
            "CREATE TABLE authconsole_probe (id int)",
            "DELETE FROM auth_user",
            "UPDATE auth_user SET is_superuser = true",
            "INSERT INTO auth_group (name) VALUES ('intruders')",
            "DROP TABLE django_migrations",
        ]
        for sql in writes {
            XCTAssertEqual(thrownMessage { _ = try db.query(sql) }, PostgreSQLError.readOnly(database: db.displayName).message, sql)
            XCTAssertEqual(thrownMessage { try db.readTransaction { _ = try db.query(sql) } },
                           PostgreSQLError.readOnly(database: db.displayName).message, "in a transaction: \(sql)")
        }
        // Still there, and the connection still works after the refusals.
        XCTAssertEqual(try db.queryOne("SELECT COUNT(*) FROM auth_user")?[0].int, Int64(try server.expected("default").dict("stats")?.int("total_users") ?? -1))
        XCTAssertEqual(try db.queryOne("SELECT COUNT(*) FROM auth_group WHERE name = 'intruders'")?[0].int, 0)
    }

    func testInterruptCancelsALongQueryFromAnotherThread() throws {
        let db = try PostgreSQLTestServer.require().connection()
        let started = Date()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { db.interrupt() }
        XCTAssertEqual(thrownMessage { _ = try db.query("SELECT pg_sleep(30)") }, DatabaseError.interrupted.message)
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)
        // The session goes on, and a cancel with nothing running is harmless.
        db.interrupt()
        XCTAssertEqual(try db.queryOne("SELECT 41 + 1")?[0].int, 42)
        // Cancelled inside a snapshot: rolled back, and the next transaction works.
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { db.interrupt() }
        XCTAssertEqual(thrownMessage { try db.readTransaction { _ = try db.query("SELECT pg_sleep(30)") } }, DatabaseError.interrupted.message)
        XCTAssertEqual(try db.readTransaction { try db.queryOne("SELECT 7")?[0].int }, 7)
    }

    func testAuthStoreInterruptStopsARunawaySearch() throws {
        let server = try PostgreSQLTestServer.require()
        let store = try server.store("default")
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { store.interrupt() }
        XCTAssertEqual(thrownMessage { _ = try store.db.query("SELECT COUNT(*) FROM generate_series(1, 1000000000)") }, DatabaseError.interrupted.message)
    }

    func testStatementTimeoutStopsARunawayQuery() throws {
        let server = try PostgreSQLTestServer.require()
        let db = try server.connection(statementTimeoutMilliseconds: 300)
        let started = Date()
        XCTAssertEqual(thrownMessage { _ = try db.query("SELECT pg_sleep(20)") },
                       "a query on \(db.displayName) ran past the 300 ms statement timeout and was stopped: narrow the search, or raise AUTHCONSOLE_STATEMENT_TIMEOUT (seconds)")
        XCTAssertLessThan(Date().timeIntervalSince(started), 10)
        XCTAssertEqual(try db.queryOne("SELECT 1")?[0].int, 1)
        XCTAssertEqual(PostgreSQLConnection.configuredStatementTimeout(environment: [:]), 30_000)
        XCTAssertEqual(PostgreSQLConnection.configuredStatementTimeout(environment: ["AUTHCONSOLE_STATEMENT_TIMEOUT": "2.5"]), 2500)
        XCTAssertEqual(PostgreSQLConnection.configuredStatementTimeout(environment: ["AUTHCONSOLE_STATEMENT_TIMEOUT": "0"]), 0)
        XCTAssertEqual(PostgreSQLConnection.configuredStatementTimeout(environment: ["AUTHCONSOLE_STATEMENT_TIMEOUT": "soon"]), 30_000)
    }

    /// The server drops the session (as on a restart): the statement that finds out fails with
    /// one line, and the next one connects again by itself.
    func testLostConnectionSaysSoAndTheNextStatementReconnects() throws {
        let server = try PostgreSQLTestServer.require()
        let db = try server.connection()
        let killer = try server.connection()
        let firstPID = db.backendPID
        XCTAssertGreaterThan(firstPID, 0)
        XCTAssertEqual(try killer.queryOne("SELECT pg_terminate_backend($1::int)", [.integer(Int64(firstPID))])?[0].bool, true)
        usleep(200_000)
        let lost = thrownMessage { _ = try db.query("SELECT 1") }
        XCTAssertEqual(lost, PostgreSQLError.connectionLost(database: db.displayName).message)
        XCTAssertEqual(lost?.contains("\n"), false)
        XCTAssertEqual(try db.queryOne("SELECT 2")?[0].int, 2)
        XCTAssertNotEqual(db.backendPID, firstPID)
        XCTAssertEqual(try db.queryOne("SELECT current_setting('default_transaction_read_only')")?[0].string, "on", "settings applied again")

        // Lost inside a snapshot: the transaction fails (no silent new snapshot), the next one works.
        let store = try AuthStore(connection: db)
        let pid = db.backendPID
        let message = thrownMessage {
            try db.readTransaction {
                _ = try killer.query("SELECT pg_terminate_backend($1::int)", [.integer(Int64(pid))])
                usleep(200_000)
                _ = try db.query("SELECT 1")
            }
        }
        XCTAssertEqual(message, PostgreSQLError.connectionLost(database: db.displayName).message)
        XCTAssertEqual(try store.stats(now: .now()).totalUsers, try server.expected("default").dict("stats")?.int("total_users"))
    }

    /// A real restart of the server (`pg_ctl restart`, as .ci/postgres-tests.sh provides it).
    func testServerRestartSaysSoOnceThenReconnects() throws {
        let server = try PostgreSQLTestServer.require()
        guard let restart = ProcessInfo.processInfo.environment["AUTHCONSOLE_PG_RESTART"], !restart.isEmpty else {
            throw XCTSkip("AUTHCONSOLE_PG_RESTART (a command that restarts the test server) is unset")
        }
        let store = try server.store("default")
        let total = try store.stats(now: .now()).totalUsers
        XCTAssertEqual(try PostgreSQLTestServer.shell(restart), 0, "restart command failed")
        XCTAssertEqual(thrownMessage { _ = try store.stats(now: .now()) }, PostgreSQLError.connectionLost(database: store.displayName).message)
        XCTAssertEqual(try store.stats(now: .now()).totalUsers, total, "the next refresh reconnects")
    }

    /// Rows arrive one at a time; a caller that stops early (queryOne, a cancelled export) does
    /// not wait for, or hold, the rest, and the session is ready for the next statement.
    func testRowsStreamAndStoppingEarlyIsCheap() throws {
        let db = try PostgreSQLTestServer.require().connection()
        let started = Date()
        var seen = 0
        try db.forEachRow("SELECT g, repeat('x', 200) FROM generate_series(1, 20000000) g", []) { row in
            seen += 1
            return row[0].int ?? 0 < 5
        }
        XCTAssertEqual(seen, 5)
        XCTAssertLessThan(Date().timeIntervalSince(started), 10, "the rest of 20 million rows was not read")
        XCTAssertEqual(try db.queryOne("SELECT 'next'")?[0].string, "next")
        XCTAssertEqual(try db.queryOne("SELECT g FROM generate_series(1, 100000) g")?[0].int, 1)
        // A body that throws: the error comes out, the session stays usable.
        struct Stop: Error {}
        XCTAssertThrowsError(try db.forEachRow("SELECT g FROM generate_series(1, 100000) g", []) { _ in throw Stop() }) { XCTAssertTrue($0 is Stop) }
        XCTAssertEqual(try db.readTransaction { try db.queryOne("SELECT 3")?[0].int }, 3)
        // An error after some rows were streamed (division by zero at row 3) still surfaces.
        var before = 0
        XCTAssertEqual(thrownMessage { try db.forEachRow("SELECT 10 / (3 - g) FROM generate_series(1, 5) g", []) { _ in before += 1; return true } },
                       "a query on \(db.displayName) failed: a value was invalid for its type or out of range (SQLSTATE 22012)")
        XCTAssertEqual(try db.queryOne("SELECT 4")?[0].int, 4)
    }

    func testValuesAreMappedByColumnType() throws {
        let db = try PostgreSQLTestServer.require().connection()
        let row = try XCTUnwrap(try db.queryOne("""
            SELECT true, false, 7::int2, 8::int4, 9000000000::int8, 1.5::float8, 2.5::float4, 'tëxt'::text,
                   NULL::int, '\\x00ff10'::bytea, 12.50::numeric, '2026-06-15 12:00:00.123+02'::timestamptz,
                   '{"b": 1, "a": [true]}'::jsonb, 'x'::varchar(5)
            """))
        XCTAssertEqual(row.values, [.integer(1), .integer(0), .integer(7), .integer(8), .integer(9_000_000_000), .real(1.5), .real(2.5),
                                    .text("tëxt"), .null, .blob([0, 255, 16]), .text("12.50"), .text("2026-06-15 10:00:00.123+00"),
                                    .text("{\"a\": [true], \"b\": 1}"), .text("x")])
        XCTAssertEqual(row[11].dateTime?.iso8601, "2026-06-15T10:00:00.123000Z")
        XCTAssertEqual(row[0].bool, true)
        // Arguments: integers as int8, reals as float8, text typed by its context, NULL, bytes.
        let args = try XCTUnwrap(try db.queryOne("SELECT $1 + 1, $2 * 2, $3 || '!', $4::int IS NULL, length($5), $6::timestamptz",
                                                 [.integer(41), .real(1.25), .text("hi"), .null, .blob([1, 2, 3]), .text("2026-06-15T12:00:00Z")]))
        XCTAssertEqual(args.values, [.integer(42), .real(2.5), .text("hi!"), .integer(1), .integer(3), .text("2026-06-15 12:00:00+00")])
        XCTAssertEqual(thrownMessage { _ = try db.query("SELECT $1", [.text("nul\u{0}byte")]) },
                       "a query on \(db.displayName) failed: PostgreSQL text cannot hold a NUL character")
    }

    func testErrorsNameTheProblemWithoutArguments() throws {
        let db = try PostgreSQLTestServer.require().connection()
        let secret = "4111-1111-1111-1111"
        let bad = thrownMessage { _ = try db.query("SELECT $1::timestamptz", [.text(secret)]) }
        XCTAssertEqual(bad, "a query on \(db.displayName) failed: a value was invalid for its type or out of range (SQLSTATE 22007)")
        XCTAssertEqual(thrownMessage { _ = try db.query("SELECT nosuchcolumn FROM auth_user") },
                       "a query on \(db.displayName) failed: column \"nosuchcolumn\" does not exist (SQLSTATE 42703)")
    }

    func testCatalogue() throws {
        let server = try PostgreSQLTestServer.require()
        let db = try server.connection("default")
        let tables = try db.tableNames()
        XCTAssertTrue(tables.contains("django_migrations"))
        XCTAssertTrue(tables.contains("socialaccount_socialaccount"))
        XCTAssertFalse(tables.contains("pg_class"))
        XCTAssertEqual(tables, tables.sorted())
        let accounts = try db.columns(of: "socialaccount_socialaccount")
        XCTAssertEqual(accounts.map(\.name), ["id", "provider", "uid", "last_login", "date_joined", "extra_data", "user_id"])
        XCTAssertEqual(accounts.first { $0.name == "user_id" }?.references, "auth_user")
        XCTAssertEqual(accounts.first { $0.name == "id" }?.isPrimaryKey, true)
        XCTAssertEqual(accounts.first { $0.name == "extra_data" }?.declaredType, "jsonb")
        let users = try db.columns(of: "auth_user")
        XCTAssertEqual(users.first { $0.name == "last_login" }?.isNullable, true)
        XCTAssertEqual(users.first { $0.name == "username" }?.isNullable, false)
        XCTAssertEqual(users.first { $0.name == "is_staff" }?.declaredType, "boolean")
        XCTAssertEqual(try db.columns(of: "no_such_table"), [])
        XCTAssertEqual(try db.columns(of: "weird\"name; DROP TABLE x"), [])

        let custom = try server.store("custom")
        XCTAssertEqual(custom.schema.userTable.name, "people_person")
        XCTAssertEqual(custom.schema.userGroups?.name, "people_person_groups")
        XCTAssertEqual(custom.schema.userGroups?.leftColumn, "person_id")
        XCTAssertNil(try custom.stats(now: .now()).staff)
        XCTAssertEqual(try server.store("noallauth").schema.hasSocialAccounts, false)
    }

    func testNonDjangoDatabaseIsRefused() throws {
        let server = try PostgreSQLTestServer.require()
        let url = server.url("", database: "postgres")
        let message = thrownMessage { _ = try AuthStore(connection: PostgreSQLConnection(url: url)) }
        XCTAssertEqual(message, "postgres://\(server.user):***@\(server.host):\(server.port)/postgres?sslmode=disable is not a Django database (it has no django_migrations table): point --db at the site's database")
    }

    // MARK: - connecting

    private func assertNoPassword(_ message: String?, _ server: PostgreSQLTestServer, file: StaticString = #filePath, line: UInt = #line) {
        guard let message else { return XCTFail("no error", file: file, line: line) }
        for form in server.passwordForms + ["wrong-PASSWORD-canary"] {
            XCTAssertFalse(message.contains(form), "password in: \(message)", file: file, line: line)
        }
        XCTAssertFalse(message.contains("\n"), message, file: file, line: line)
    }

    func testWrongPassword() throws {
        let server = try PostgreSQLTestServer.require()
        let url = server.url("default", password: "wrong-PASSWORD-canary")
        let message = thrownMessage { _ = try PostgreSQLConnection(url: url) }
        XCTAssertEqual(message, "password authentication failed for user \(server.user) on postgres://\(server.user):***@\(server.host):\(server.port)/\(server.database("default"))?sslmode=disable: check the password in PGPASSWORD, ~/.pgpass or the URL")
        assertNoPassword(message, server)
    }

    func testNoPasswordAnywhere() throws {
        let server = try PostgreSQLTestServer.require()
        let url = server.url("default", withoutPassword: true, query: "passfile=/nonexistent/pgpass&sslmode=disable")
        guard ProcessInfo.processInfo.environment["PGPASSWORD"] == nil else { throw XCTSkip("PGPASSWORD is set in this environment") }
        let message = thrownMessage { _ = try PostgreSQLConnection(url: url) }
        XCTAssertEqual(message, "postgres://\(server.user)@\(server.host):\(server.port)/\(server.database("default"))?passfile=/nonexistent/pgpass&sslmode=disable asks for a password and none was given: set PGPASSWORD or add a line to ~/.pgpass")
    }

    /// libpq reads the password from a passfile by itself: the console never sees it.
    func testPasswordFromPassfile() throws {
        let server = try PostgreSQLTestServer.require()
        let dir = try Fixtures.temporaryFolder()
        let passfile = dir + "/pgpass"
        let escaped = server.password.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ":", with: "\\:")
        try "\(server.host):\(server.port):*:\(server.user):\(escaped)\n".write(toFile: passfile, atomically: true, encoding: .utf8)
        chmod(passfile, 0o600)
        let url = server.url("default", withoutPassword: true, query: "sslmode=disable&passfile=" + PostgreSQLTestServer.encode(passfile))
        let store = try AuthStore(connection: PostgreSQLConnection(url: url))
        XCTAssertFalse(store.displayName.contains("***"))
        XCTAssertGreaterThan(try store.stats(now: .now()).totalUsers, 0)
    }

    func testUnknownDatabase() throws {
        let server = try PostgreSQLTestServer.require()
        let message = thrownMessage { _ = try PostgreSQLConnection(url: server.url("", database: "no_such_site")) }
        XCTAssertEqual(message, "the server has no database named no_such_site (postgres://\(server.user):***@\(server.host):\(server.port)/no_such_site?sslmode=disable): check the name after the last / of the URL (`psql -l` lists them)")
        assertNoPassword(message, server)
    }

    func testNoServerOnThePort() throws {
        let server = try PostgreSQLTestServer.require()
        let port = PostgreSQLTestServer.unusedPort()
        let started = Date()
        let message = thrownMessage { _ = try PostgreSQLConnection(url: server.url("default", port: port)) }
        XCTAssertEqual(message, "cannot reach the PostgreSQL server of postgres://\(server.user):***@\(server.host):\(port)/\(server.database("default"))?sslmode=disable: connection refused; is it running, and are the host and port right?")
        assertNoPassword(message, server)
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
    }

    func testNoServerOnTheSocket() throws {
        let server = try PostgreSQLTestServer.require()
        let dir = try Fixtures.temporaryFolder()
        let message = thrownMessage { _ = try PostgreSQLConnection(parameters: PostgreSQLParameters(name: "x", user: "u", password: nil, host: dir, port: "5999")) }
        XCTAssertEqual(message, "cannot reach the PostgreSQL server of postgres://u@:5999/x?host=\(dir): no server socket there; is it running, and are the host and port right?")
        _ = server
    }

    func testTLSRequiredByTheServer() throws {
        let server = try PostgreSQLTestServer.require()
        let user = try XCTUnwrap(server.tlsUser)
        let plain = thrownMessage { _ = try PostgreSQLConnection(url: server.url("default", user: user)) }
        XCTAssertEqual(plain, "the server of postgres://\(user):***@\(server.host):\(server.port)/\(server.database("default"))?sslmode=disable accepts only encrypted connections: add ?sslmode=require to the URL (or set PGSSLMODE=require)")
        assertNoPassword(plain, server)
        guard server.hasTLS else { throw XCTSkip("the test server has no TLS certificate (openssl missing)") }
        let tls = try PostgreSQLConnection(url: server.url("default", user: user, query: "sslmode=require"))
        XCTAssertTrue(tls.usesTLS)
        XCTAssertEqual(try tls.queryOne("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")?[0].bool, true)
        XCTAssertFalse(try server.connection().usesTLS, "sslmode=disable means no TLS")
    }

    func testTLSCertificateCheckFailsClearly() throws {
        let server = try PostgreSQLTestServer.require()
        guard server.hasTLS else { throw XCTSkip("the test server has no TLS certificate (openssl missing)") }
        let dir = try Fixtures.temporaryFolder()
        let message = thrownMessage { _ = try PostgreSQLConnection(url: server.url("default", query: "sslmode=verify-full&sslrootcert=" + PostgreSQLTestServer.encode(dir + "/missing.crt"))) }
        XCTAssertEqual(message?.hasPrefix("the TLS connection to postgres://\(server.user):***@"), true, message ?? "")
        assertNoPassword(message, server)
    }
}
