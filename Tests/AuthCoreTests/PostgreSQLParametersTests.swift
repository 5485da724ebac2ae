import XCTest
@testable import AuthCore

/// Where a PostgreSQL connection goes, and how it is shown: no server needed.
final class PostgreSQLParametersTests: XCTestCase {
    func testURLsAreParsedByLibpq() throws {
        let p = try PostgreSQLParameters(url: "postgres://site%40app:p%40ss%3Aw0rd@db.internal:6432/site_prod?sslmode=require&connect_timeout=5")
        XCTAssertEqual(p.value("user"), "site@app")
        XCTAssertEqual(p.value("password"), "p@ss:w0rd")
        XCTAssertEqual(p.value("host"), "db.internal")
        XCTAssertEqual(p.value("port"), "6432")
        XCTAssertEqual(p.value("dbname"), "site_prod")
        XCTAssertEqual(p.value("sslmode"), "require")
        // Options other than user, password, host, port and dbname follow in libpq's own order.
        XCTAssertEqual(p.displayName, "postgres://site@app:***@db.internal:6432/site_prod?connect_timeout=5&sslmode=require")
        XCTAssertEqual(p.secrets, ["p@ss:w0rd"])
    }

    func testDisplayNeverShowsAPassword() throws {
        let cases: [(String, String)] = [
            ("postgresql://bob:secret@localhost/site", "postgres://bob:***@localhost/site"),
            ("postgres://bob@localhost/site", "postgres://bob@localhost/site"),
            ("postgres:///site", "postgres:///site"),
            ("postgres://localhost", "postgres://localhost/"),
            ("postgres://bob:secret@[::1]:5433/site", "postgres://bob:***@[::1]:5433/site"),
            ("postgres://h1:5432,h2:5433/site?target_session_attrs=read-write", "postgres://h1:5432,h2:5433/site?target_session_attrs=read-write"),
            ("postgres:///site?host=/var/run/postgresql&password=secret", "postgres://:***@/site?host=/var/run/postgresql"),
            ("pgsql://bob:secret@db/site", "postgres://bob:***@db/site"),
            ("postgis://bob:secret@db/site", "postgres://bob:***@db/site"),
            ("host=db dbname=site user=bob password=secret", "postgres://bob:***@db/site"),
            ("postgres://bob@db/site?sslpassword=keypass&sslmode=verify-full", "postgres://bob@db/site?sslmode=verify-full&sslpassword=***"),
        ]
        for (url, shown) in cases {
            let p = try PostgreSQLParameters(url: url)
            XCTAssertEqual(p.displayName, shown, url)
            XCTAssertFalse(p.displayName.contains("secret") || p.displayName.contains("keypass"), url)
        }
    }

    func testFromDjangoSettings() {
        let p = PostgreSQLParameters(name: "site", user: "app", password: "from-settings", host: "db", port: "5432",
                                     options: ["sslmode": "require", "isolation_level": "3", "pool": "true", "application_name": "x"])
        XCTAssertEqual(p.keywords.map(\.name), ["application_name", "sslmode", "host", "port", "dbname", "user", "password"])
        XCTAssertEqual(p.displayName, "postgres://app:***@db:5432/site?application_name=x&sslmode=require")
        // Empty values are unset, so libpq's PGHOST, PGPASSWORD and ~/.pgpass fill them, as for Django.
        let empty = PostgreSQLParameters(name: "site", user: "", password: "", host: "", port: "")
        XCTAssertEqual(empty.keywords.map(\.name), ["dbname"])
        XCTAssertEqual(empty.displayName, "postgres:///site")
        let socket = PostgreSQLParameters(name: "site", user: nil, password: nil, host: "/run/postgresql", port: nil)
        XCTAssertEqual(socket.displayName, "postgres:///site?host=/run/postgresql")
    }

    func testDatabaseSourceParsing() throws {
        XCTAssertEqual(try DatabaseSource.parse("postgres://bob@db/site"), .postgres(try PostgreSQLParameters(url: "postgres://bob@db/site")))
        XCTAssertEqual(try DatabaseSource.parse("postgresql://db/site").displayName, "postgres://db/site")
        XCTAssertEqual(try DatabaseSource.parse("host=db dbname=site").displayName, "postgres://db/site")
        XCTAssertEqual(try DatabaseSource.parse("db.sqlite3"), .sqlite(path: "db.sqlite3"))
        XCTAssertEqual(try DatabaseSource.parse("./data=1.sqlite3"), .sqlite(path: "./data=1.sqlite3"))
        XCTAssertEqual(try DatabaseSource.parse("sqlite:////srv/site/db.sqlite3"), .sqlite(path: "/srv/site/db.sqlite3"))
        XCTAssertEqual(thrownMessage { _ = try DatabaseSource.parse("mysql://bob:secret@db/site") },
                       "cannot use database URL mysql://…: expected sqlite:///path or postgres://user@host/dbname")
        let located = try DatabaseLocator.resolve(dbOption: nil, demo: false, settingsOption: nil,
                                                  environment: ["DATABASE_URL": "postgres://app:pw@db/site"], currentFolder: "/")
        XCTAssertEqual(located.displayName, "postgres://app:***@db/site")
    }

    func testUnparsableURLIsOneLineWithoutThePassword() {
        let message = thrownMessage { _ = try PostgreSQLParameters(url: "postgres://bob:hunter2%zz@db/site") }
        XCTAssertEqual(message?.hasPrefix("cannot use database URL postgres://bob:***@db/site: "), true, message ?? "")
        XCTAssertEqual(message?.contains("hunter2"), false, message ?? "")
        let option = thrownMessage { _ = try PostgreSQLParameters(url: "postgres://bob:hunter2@db/site?frobnicate=1") }
        XCTAssertEqual(option, "cannot use database URL postgres://bob:***@db/site?frobnicate=1: invalid URI query parameter: \"frobnicate\" (expected postgres://user@host:port/dbname?sslmode=...)")
        XCTAssertEqual(PostgreSQLParameters.maskedURLText("postgres://u:p@h/d?password=x&sslmode=require"), "postgres://u:***@h/d?password=***&sslmode=require")
    }
}
