import Foundation
import XCTest

/// The built binary against the throwaway PostgreSQL server of `.ci/postgres-tests.sh`, as an
/// operator runs it: `--db postgres://...` and `DATABASE_URL`, compared with the ORM's figures
/// on PostgreSQL, and the password in no byte of any output. Skips without AUTHCONSOLE_PG_HOST.
final class PostgreSQLCLITests: XCTestCase {
    struct Server {
        let host: String, port: String, user: String, password: String, prefix: String, expected: String, tlsUser: String?

        static func require() throws -> Server {
            let env = ProcessInfo.processInfo.environment
            guard let host = env["AUTHCONSOLE_PG_HOST"], !host.isEmpty else {
                throw XCTSkip("PostgreSQL CLI suite skipped: no test server (AUTHCONSOLE_PG_HOST is unset); run `bash .ci/postgres-tests.sh`")
            }
            return Server(host: host, port: env["AUTHCONSOLE_PG_PORT"] ?? "5432", user: env["AUTHCONSOLE_PG_USER"] ?? "authconsole",
                          password: env["AUTHCONSOLE_PG_PASSWORD"] ?? "", prefix: env["AUTHCONSOLE_PG_DB_PREFIX"] ?? "authconsole_",
                          expected: env["AUTHCONSOLE_PG_EXPECTED"] ?? "", tlsUser: env["AUTHCONSOLE_PG_TLS_USER"])
        }

        static func encode(_ s: String) -> String {
            var allowed = CharacterSet.alphanumerics
            allowed.insert(charactersIn: "-._~")
            return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
        }

        func url(_ fixture: String, user: String? = nil, password: String? = nil, withoutPassword: Bool = false,
                 port: String? = nil, database: String? = nil) -> String {
            var out = "postgres://" + Self.encode(user ?? self.user)
            if !withoutPassword { out += ":" + Self.encode(password ?? self.password) }
            return out + "@\(host):\(port ?? self.port)/" + Self.encode(database ?? prefix + fixture) + "?sslmode=disable"
        }

        /// How the console shows the URL.
        func shown(_ fixture: String, user: String? = nil, port: String? = nil, database: String? = nil) -> String {
            "postgres://\(user ?? self.user):***@\(host):\(port ?? self.port)/\(database ?? prefix + fixture)?sslmode=disable"
        }

        func expected(_ fixture: String) throws -> [String: Any] {
            let data = try Data(contentsOf: URL(fileURLWithPath: expected + "/\(fixture).expected.json"))
            return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        }

        var passwordForms: [String] { [password, Self.encode(password), "wrong-PASSWORD-canary"].filter { !$0.isEmpty } }
    }

    /// Runs the binary and fails the test if the password, in any form, is in what it printed.
    private func run(_ server: Server, _ arguments: [String], environment: [String: String] = [:],
                     file: StaticString = #filePath, line: UInt = #line) throws -> CLIResult {
        let r = try CLI.run(arguments, environment: environment)
        for form in server.passwordForms {
            XCTAssertFalse(r.stdout.contains(form), "password on stdout of \(arguments.dropFirst(2))", file: file, line: line)
            XCTAssertFalse(r.stderr.contains(form), "password on stderr: \(r.stderr)", file: file, line: line)
        }
        return r
    }

    private func assertOneLine(_ r: CLIResult, _ text: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(r.status, 1, r.stderr, file: file, line: line)
        XCTAssertEqual(r.stdout, "", file: file, line: line)
        XCTAssertEqual(r.stderr, "authconsole: " + text + "\n", file: file, line: line)
    }

    func testStatsJSONEqualsDjangoORMOnPostgreSQL() throws {
        let server = try Server.require()
        for name in ["default", "custom", "noallauth"] {
            let expected = try server.expected(name)
            let want = try XCTUnwrap(expected["stats"] as? [String: Any])
            let now = try XCTUnwrap(expected["now"] as? String)
            let r = try run(server, ["--db", server.url(name), "stats", "--format", "json", "--now", now, "--days", "90"])
            XCTAssertEqual(r.status, 0, r.stderr)
            let got = try CLI.json(r)
            for key in ["total_users", "new_7d", "staff", "superusers", "active", "oauth_users", "providers_configured"] {
                XCTAssertEqual(got[key] as? NSObject, want[key] as? NSObject, "\(name) \(key)")
            }
            XCTAssertEqual(got["signups_per_day"] as? NSArray, want["signups_per_day_90"] as? NSArray, name)
            XCTAssertEqual(got["providers"] as? NSDictionary, want["providers"] as? NSDictionary, name)
        }
    }

    func testAccountsJSONEqualsDjangoPaginatorOnPostgreSQL() throws {
        let server = try Server.require()
        var checked = 0
        for name in ["default", "custom"] {
            for q in try server.expected(name)["account_queries"] as? [[String: Any]] ?? [] {
                var args = ["--db", server.url(name), "accounts", "--format", "json",
                            "--sort", q["sort"] as? String ?? "", "--page", "\(q["page"] ?? 1)", "--page-size", "\(q["page_size"] ?? 25)"]
                if let s = q["search"] as? String { args += ["--search", s] }
                if let p = q["provider"] as? String { args += ["--provider", p] }
                let r = try run(server, args)
                XCTAssertEqual(r.status, 0, r.stderr)
                let got = try CLI.json(r)
                let label = "\(name) \(args.dropFirst(3))"
                XCTAssertEqual((got["rows"] as? [[String: Any]])?.compactMap { $0["id"] as? Int }, q["ids"] as? [Int], label)
                XCTAssertEqual(got["count"] as? Int, q["count"] as? Int, label)
                XCTAssertEqual(got["num_pages"] as? Int, q["num_pages"] as? Int, label)
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 100)
    }

    func testUserJSONEqualsDjangoORMOnPostgreSQL() throws {
        let server = try Server.require()
        for name in ["default", "custom"] {
            for want in try server.expected(name)["users"] as? [[String: Any]] ?? [] {
                let id = try XCTUnwrap(want["id"] as? Int)
                let r = try run(server, ["--db", server.url(name), "user", String(id), "--format", "json"])
                XCTAssertEqual(r.status, 0, r.stderr)
                let got = try CLI.json(r)
                for key in ["username", "email", "is_active", "is_staff", "is_superuser", "date_joined", "last_login", "groups", "permissions"] {
                    XCTAssertEqual(got[key] as? NSObject, want[key] as? NSObject, "\(name) \(id) \(key)")
                }
                XCTAssertEqual(got["emails"] as? NSArray, want["emails"] as? NSArray, "\(name) \(id)")
                XCTAssertFalse(r.stdout.contains("CANARY"), "\(name) \(id)")
                XCTAssertFalse(r.stdout.contains("pbkdf2"), "\(name) \(id)")
            }
        }
        let byEmail = try run(server, ["--db", server.url("default"), "user", "Admin@Example.com", "--format", "json"])
        XCTAssertEqual(try CLI.json(byEmail)["id"] as? Int, 1)
    }

    func testDatabaseURLFromTheEnvironment() throws {
        let server = try Server.require()
        let total = try XCTUnwrap((try server.expected("default")["stats"] as? [String: Any])?["total_users"] as? Int)
        let r = try run(server, ["stats", "--format", "json"], environment: ["DATABASE_URL": server.url("default")])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try CLI.json(r)["total_users"] as? Int, total)
        // --db wins over DATABASE_URL.
        let custom = try run(server, ["--db", server.url("custom"), "stats", "--format", "json"],
                             environment: ["DATABASE_URL": server.url("default", password: "wrong-PASSWORD-canary")])
        XCTAssertEqual(custom.status, 0, custom.stderr)
        XCTAssertEqual(try CLI.json(custom)["staff"] as? NSNull, NSNull())
        // postgresql:// and libpq's own variables for what the URL leaves out.
        let bare = try run(server, ["--db", "postgresql:///\(server.prefix)default", "stats", "--format", "json"],
                           environment: ["PGHOST": server.host, "PGPORT": server.port, "PGUSER": server.user,
                                         "PGPASSWORD": server.password, "PGSSLMODE": "disable"])
        XCTAssertEqual(bare.status, 0, bare.stderr)
        XCTAssertEqual(try CLI.json(bare)["total_users"] as? Int, total)
    }

    func testTheTableShowsTheURLWithTheMaskedPassword() throws {
        let server = try Server.require()
        let r = try run(server, ["--db", server.url("default"), "stats", "--now", "2026-06-15T12:00:00Z"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasPrefix("Database     \(server.shown("default")) (users in auth_user)\n"), r.stdout)
        let withoutPassword = try run(server, ["--db", server.url("default", withoutPassword: true), "stats"],
                                      environment: ["PGPASSWORD": server.password])
        XCTAssertEqual(withoutPassword.status, 0, withoutPassword.stderr)
        XCTAssertTrue(withoutPassword.stdout.hasPrefix("Database     postgres://\(server.user)@\(server.host):\(server.port)/\(server.prefix)default?sslmode=disable (users in auth_user)\n"), withoutPassword.stdout)
        let csv = try run(server, ["--db", server.url("default"), "accounts", "--format", "csv", "--page-size", "1000"])
        XCTAssertEqual(csv.status, 0, csv.stderr)
        XCTAssertFalse(csv.stdout.contains("CANARY"))
    }

    func testConnectionProblemsAreOneLineWithoutThePassword() throws {
        let server = try Server.require()
        assertOneLine(try run(server, ["--db", server.url("default", password: "wrong-PASSWORD-canary"), "stats"]),
                      "password authentication failed for user \(server.user) on \(server.shown("default")): check the password in PGPASSWORD, ~/.pgpass or the URL")
        assertOneLine(try run(server, ["stats"], environment: ["DATABASE_URL": server.url("", database: "no_such_site")]),
                      "the server has no database named no_such_site (\(server.shown("", database: "no_such_site"))): check the name after the last / of the URL (`psql -l` lists them)")
        let port = String(try freePort())
        assertOneLine(try run(server, ["--db", server.url("default", port: port), "accounts"]),
                      "cannot reach the PostgreSQL server of \(server.shown("default", port: port)): connection refused; is it running, and are the host and port right?")
        if let tls = server.tlsUser {
            assertOneLine(try run(server, ["--db", server.url("default", user: tls), "stats"]),
                          "the server of \(server.shown("default", user: tls)) accepts only encrypted connections: add ?sslmode=require to the URL (or set PGSSLMODE=require)")
        }
        let bad = try run(server, ["--db", "postgres://\(server.user):\(server.password)@\(server.host):\(server.port)/x?frobnicate=1", "stats"])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.hasPrefix("authconsole: cannot use database URL postgres://\(server.user):***@"), bad.stderr)
        assertOneLine(try run(server, ["--db", server.url("noallauth"), "accounts"]),
                      "\(server.shown("noallauth")) has no django-allauth tables (socialaccount_socialaccount): is allauth.socialaccount installed and migrated?")
    }

    /// Run inside a Django project whose settings name a PostgreSQL database, as production
    /// settings do: host, port and password from the environment, OPTIONS passed to libpq.
    func testProjectSettingsPointAtPostgreSQL() throws {
        let server = try Server.require()
        let project = NSTemporaryDirectory() + "authconsole-pg-project-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: project + "/mysite", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: project) }
        try """
            import os
            import sys
            if __name__ == "__main__":
                os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")
                from django.core.management import execute_from_command_line
                execute_from_command_line(sys.argv)
            """.write(toFile: project + "/manage.py", atomically: true, encoding: .utf8)
        try "".write(toFile: project + "/mysite/__init__.py", atomically: true, encoding: .utf8)
        try """
            import os
            SECRET_KEY = "not-secret"
            DATABASES = {
                "default": {
                    "ENGINE": "django.db.backends.postgresql",
                    "NAME": os.environ.get("DB_NAME", "\(server.prefix)default"),
                    "USER": "\(server.user)",
                    "PASSWORD": os.environ.get("DB_PASSWORD", ""),
                    "HOST": os.environ["DB_HOST"],
                    "PORT": os.environ.get("DB_PORT", "5432"),
                    "OPTIONS": {"sslmode": "disable", "pool": True},
                }
            }
            """.write(toFile: project + "/mysite/settings.py", atomically: true, encoding: .utf8)
        let total = try XCTUnwrap((try server.expected("default")["stats"] as? [String: Any])?["total_users"] as? Int)
        let env = ["DB_HOST": server.host, "DB_PORT": server.port, "DB_PASSWORD": server.password]
        let r = try CLI.run(["stats", "--format", "json"], environment: env, cwd: project)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(try CLI.json(r)["total_users"] as? Int, total)
        let table = try CLI.run(["stats"], environment: env, cwd: project)
        XCTAssertTrue(table.stdout.hasPrefix("Database     postgres://\(server.user):***@\(server.host):\(server.port)/\(server.prefix)default?sslmode=disable (users in auth_user)\n"), table.stdout)
        for out in [r.stdout, r.stderr, table.stdout, table.stderr] {
            for form in server.passwordForms { XCTAssertFalse(out.contains(form)) }
        }
        // No DB_PASSWORD: the settings give an empty one, and libpq takes PGPASSWORD instead.
        let pgpassword = try CLI.run(["stats", "--format", "json"], environment: ["DB_HOST": server.host, "DB_PORT": server.port, "PGPASSWORD": server.password], cwd: project)
        XCTAssertEqual(pgpassword.status, 0, pgpassword.stderr)
        XCTAssertEqual(try CLI.json(pgpassword)["total_users"] as? Int, total)
        // The settings name another database: the same one-line errors as a URL.
        let wrong = try CLI.run(["stats"], environment: env.merging(["DB_NAME": "no_such_site"]) { $1 }, cwd: project)
        XCTAssertEqual(wrong.stderr, "authconsole: the server has no database named no_such_site (postgres://\(server.user):***@\(server.host):\(server.port)/no_such_site?sslmode=disable): check the name after the last / of the URL (`psql -l` lists them)\n")
        // A field only known when Django runs: say so rather than connect somewhere else.
        let unset = try CLI.run(["stats"], environment: ["DB_PASSWORD": server.password], cwd: project)
        XCTAssertEqual(unset.status, 1)
        XCTAssertTrue(unset.stderr.hasPrefix("authconsole: "), unset.stderr)
        XCTAssertTrue(unset.stderr.contains("DB_HOST"), unset.stderr)
        XCTAssertFalse(unset.stderr.contains(server.password))
    }

    /// A port on 127.0.0.1 nothing listens on: bound to 0, read, released.
    private func freePort() throws -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw XCTSkip("no socket") }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard ok else { throw XCTSkip("cannot find a free port") }
        return UInt16(bigEndian: addr.sin_port)
    }

    /// `bench` on PostgreSQL: psql is the floor and its column is named so; the password given in
    /// the URL reaches every child (through PGPASSWORD, never a command line) and is printed
    /// nowhere; the operations that read an order of ids (SQLite's alone) are refused by name.
    func testBenchBesidePsqlShowsNoPassword() throws {
        let server = try Server.require()
        let r = try run(server, ["bench", "--db", server.url("default"), "--runs", "1", "--max-seconds", "5",
                                 "--ops", "dashboard,first-page,next-page,search-many,export", "--format", "markdown"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("| psql median | ratio to psql |"), r.stdout)
        for op in ["dashboard", "first-page", "next-page", "search-many", "export"] {
            let row = try XCTUnwrap(r.stdout.split(separator: "\n").first { $0.hasPrefix("| \(op) |") }, op)
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            XCTAssertNotEqual(cells[1], "–", "\(op): authconsole did not run: \(row)")
            XCTAssertNotEqual(cells[4], "–", "\(op): psql did not run its SQL: \(row)")
        }
        let text = try run(server, ["bench", "--db", server.url("default"), "--runs", "1", "--ops", "first-page", "--psql", "none"])
        XCTAssertEqual(text.status, 0, text.stderr)
        XCTAssertTrue(text.stdout.hasPrefix(server.shown("default") + ": deep page"), text.stdout)

        let sqliteOnly = try run(server, ["bench", "--db", server.url("default"), "--ops", "order-build"])
        XCTAssertEqual(sqliteOnly.status, 64, sqliteOnly.stderr)
        XCTAssertTrue(sqliteOnly.stderr.contains("order-build reads pages from an order of ids"), sqliteOnly.stderr)
    }
}
