import XCTest
@testable import AuthCore

/// `DjangoSettings.databaseLocation()` over the DATABASES forms of the corpus (notes §4.2).
final class SettingsDatabaseTests: XCTestCase {
    private func location(_ source: String, environment: [String: String] = [:]) throws -> (Result<DatabaseLocation, SettingsError>, TemporaryProject) {
        let (settings, project) = try readSettings(source, environment: environment, test: self)
        do {
            return (.success(try settings.databaseLocation()), project)
        } catch let error as SettingsError {
            return (.failure(error), project)
        }
    }

    private func sqlite(_ databases: String, prelude: String = "", environment: [String: String] = [:],
                        file: StaticString = #filePath, line: UInt = #line) throws -> (String?, TemporaryProject) {
        let source = """
        import os
        from pathlib import Path
        BASE_DIR = Path(__file__).resolve().parent
        \(prelude)
        DATABASES = \(databases)
        """
        let (result, project) = try location(source, environment: environment)
        switch result {
        case .success(.sqlite(let path)): return (path, project)
        case .success(let other):
            XCTFail("expected SQLite, got \(other)", file: file, line: line)
        case .failure(let error):
            XCTFail("expected SQLite, got \(error.message)", file: file, line: line)
        }
        return (nil, project)
    }

    func testSQLitePathForms() throws {
        let forms = [
            #"{"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "db.sqlite3"}}"#,
            #"{"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}}"#,
            #"{"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(BASE_DIR / "db.sqlite3")}}"#,
            #"{"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.path.join(BASE_DIR, "db.sqlite3")}}"#,
            #"{"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.getenv("POSTGRES_DB", BASE_DIR / "db.sqlite3")}}"#,
            #"{"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": f"{BASE_DIR}/db.sqlite3"}}"#,
            #"{"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "./sub/../db.sqlite3"}}"#,
        ]
        for form in forms {
            let (path, project) = try sqlite(form)
            XCTAssertEqual(path, project.path("db.sqlite3"), form)
        }
    }

    func testSQLiteFromEnvironmentAndDatabaseURLs() throws {
        let (fromVariable, project) = try sqlite(#"{"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["DB_PATH"]}}"#,
                                                  environment: ["DB_PATH": "/srv/app/data.db"])
        XCTAssertEqual(fromVariable, "/srv/app/data.db")
        _ = project

        let (urlDefault, project2) = try sqlite(#"{"default": dj_database_url.config(default="sqlite:///" + os.path.join(BASE_DIR, "db.sqlite3"))}"#,
                                                prelude: "import dj_database_url")
        XCTAssertEqual(urlDefault, project2.path("db.sqlite3"))

        let (formatted, project3) = try sqlite(#"{"default": dj_database_url.config(default="sqlite:////{0}".format(os.path.join(BASE_DIR, "db.sqlite3")))}"#,
                                               prelude: "import dj_database_url")
        XCTAssertEqual(formatted, project3.path("db.sqlite3"))

        let (relativeURL, project4) = try sqlite(#"{"default": env.db()}"#, prelude: "import environ\nenv = environ.Env()",
                                                 environment: ["DATABASE_URL": "sqlite:///var/app.db"])
        XCTAssertEqual(relativeURL, project4.path("var/app.db"))

        let (decoupled, project5) = try sqlite(#"{"default": config("DATABASE_URL", default="sqlite:///x.db", cast=dj_database_url.parse)}"#,
                                               prelude: "import dj_database_url\nfrom decouple import config")
        XCTAssertEqual(decoupled, project5.path("x.db"))

        let (parsed, _) = try sqlite(#"{"default": dj_database_url.parse(os.environ["DATABASE_URL"])}"#,
                                     prelude: "import dj_database_url", environment: ["DATABASE_URL": "sqlite:////abs/path.db"])
        XCTAssertEqual(parsed, "/abs/path.db")
    }

    func testHerokuUpdatePattern() throws {
        let source = """
        import os
        import dj_database_url
        BASE_DIR = os.path.dirname(os.path.abspath(__file__))
        DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': os.path.join(BASE_DIR, 'db.sqlite3')}}
        db_from_env = dj_database_url.config(conn_max_age=500)
        DATABASES['default'].update(db_from_env)
        """
        let (unset, project) = try location(source)
        XCTAssertEqual(unset, .success(.sqlite(path: project.path("db.sqlite3"))))
        let (set, _) = try location(source, environment: ["DATABASE_URL": "postgres://u@pg/app"])
        XCTAssertEqual(set, .success(.postgres(PostgresParameters(engine: "django.db.backends.postgresql", name: "app", user: "u",
                                                                   password: "", host: "pg"))))
    }

    func testPostgresFromLiteralsAndEnvironment() throws {
        let (result, _) = try location("""
        import os
        DATABASES = {
            "default": {
                "ENGINE": "django.db.backends.postgresql_psycopg2",
                "NAME": os.environ.get("DB_NAME", "synapse"),
                "USER": "synapse",
                "PASSWORD": os.environ["DB_PASSWORD"],
                "HOST": "db",
                "PORT": 5433,
            }
        }
        DATABASES["default"]["OPTIONS"] = {"sslmode": "require", "connect_timeout": 5}
        """, environment: ["DB_PASSWORD": "s3cret"])
        XCTAssertEqual(try result.get(), .postgres(PostgresParameters(
            engine: "django.db.backends.postgresql_psycopg2", name: "synapse", user: "synapse", password: "s3cret", host: "db", port: 5433,
            options: ["sslmode": "require", "connect_timeout": "5"], environmentVariables: ["NAME": "DB_NAME", "PASSWORD": "DB_PASSWORD"])))
        XCTAssertEqual(try result.get().description,
                       "PostgreSQL database 'synapse' on db:5433 as 'synapse' (password from $DB_PASSWORD)")

        let (unsetPassword, _) = try location("""
        import os
        DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "app", "PASSWORD": os.environ["DB_PASSWORD"]}}
        """)
        guard case .postgres(let parameters) = try unsetPassword.get() else { return XCTFail("expected PostgreSQL") }
        XCTAssertNil(parameters.password)
        XCTAssertEqual(parameters.unresolvedFields, ["PASSWORD": "$DB_PASSWORD is not set"])
        XCTAssertEqual(parameters.description, "PostgreSQL database 'app' on localhost (password from $DB_PASSWORD, not set)")
    }

    func testErrorsSayWhereAndWhatToDo() throws {
        let cases: [(String, [String: String], SettingsError, String)] = [
            ("""
             import dj_database_url
             DATABASES = {"default": dj_database_url.config(conn_max_age=600)}
             """, [:],
             .databaseEnvironmentUnset(.settings(2), field: "DATABASES['default']", variable: "DATABASE_URL"),
             "DATABASES['default'] in settings.py:2 comes from $DATABASE_URL, which is not set and has no default; set DATABASE_URL or pass --db PATH."),
            ("""
             def setup_database():
                 return {}
             DATABASES = setup_database()
             """, [:],
             .databaseBuiltAtRunTime(.settings(3), field: "DATABASES", reason: "setup_database()"),
             "DATABASES in settings.py:3 is built at run time (setup_database()); pass --db PATH or set DATABASE_URL."),
            ("""
             import paperless
             DATABASES = {"default": paperless.parse_db_settings("/data")}
             """, [:],
             .databaseBuiltAtRunTime(.settings(2), field: "DATABASES['default']", reason: "paperless.parse_db_settings()"),
             "DATABASES['default'] in settings.py:2 is built at run time (paperless.parse_db_settings()); pass --db PATH or set DATABASE_URL."),
            ("DEBUG = True\n", [:], .databasesNotDefined(settingsFile: "settings.py"),
             "DATABASES is not set in settings.py or the modules it imports; pass --db PATH or set DATABASE_URL."),
            ("DATABASES = {}\n", [:], .databaseNotDefined(.settings(1), alias: "default"),
             "DATABASES in settings.py:1 has no 'default' entry; pass --db PATH or set DATABASE_URL."),
            (#"DATABASES = {"default": {"NAME": "x"}}"#, [:], .databaseEngineMissing(.settings(1), field: "DATABASES['default']"),
             "DATABASES['default'] in settings.py:1 has no ENGINE; pass --db PATH or set DATABASE_URL."),
            (#"DATABASES = {"default": {"ENGINE": "django.db.backends.mysql", "NAME": "x"}}"#, [:],
             .databaseEngineUnsupported(.settings(1), field: "DATABASES['default']", engine: "django.db.backends.mysql"),
             "DATABASES['default'] in settings.py:1 uses django.db.backends.mysql; authconsole reads SQLite and PostgreSQL databases, so pass --db PATH or a PostgreSQL DATABASE_URL."),
            (#"DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}"#, [:],
             .sqliteNameUnusable(.settings(1), field: "DATABASES['default']['NAME']", detail: "is an in-memory or URI database, not a file"),
             "DATABASES['default']['NAME'] in settings.py:1 is an in-memory or URI database, not a file; pass --db PATH."),
            ("""
             import os
             DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ["SQLITE_PATH"]}}
             """, [:],
             .databaseEnvironmentUnset(.settings(2), field: "DATABASES['default']['NAME']", variable: "SQLITE_PATH"),
             "DATABASES['default']['NAME'] in settings.py:2 comes from $SQLITE_PATH, which is not set and has no default; set SQLITE_PATH or pass --db PATH."),
            ("""
             import environ
             env = environ.Env()
             DATABASES = {"default": env.db()}
             """, ["DATABASE_URL": "not a url"],
             .databaseBuiltAtRunTime(.settings(3), field: "DATABASES['default']", reason: "$DATABASE_URL is not a valid database URL"),
             "DATABASES['default'] in settings.py:3 is built at run time ($DATABASE_URL is not a valid database URL); pass --db PATH or set DATABASE_URL."),
        ]
        for (source, environment, expected, message) in cases {
            let (result, _) = try location(source, environment: environment)
            XCTAssertEqual(result, .failure(expected), source)
            XCTAssertEqual((try? result.get()) == nil ? expected.message : "", message, source)
        }
    }

    func testDatabaseURLParser() {
        XCTAssertEqual(DatabaseURL.parse("postgres://u%40x:p%3Aw@[::1]:5432/db%2Fname"), .dict([
            DictionaryEntry(key: .string("NAME"), value: .string("db/name")),
            DictionaryEntry(key: .string("USER"), value: .string("u@x")),
            DictionaryEntry(key: .string("PASSWORD"), value: .string("p:w")),
            DictionaryEntry(key: .string("HOST"), value: .string("::1")),
            DictionaryEntry(key: .string("PORT"), value: .int(5432)),
            DictionaryEntry(key: .string("ENGINE"), value: .string("django.db.backends.postgresql")),
        ]))
        XCTAssertEqual(DatabaseURL.parse("postgis://%2Fvar%2Frun%2Fpostgresql/gis")?["HOST"], .string("/var/run/postgresql"))
        XCTAssertEqual(DatabaseURL.parse("sqlite://:memory:")?["NAME"], .string(":memory:"))
        XCTAssertEqual(DatabaseURL.parse("mysql://u:p@h/db")?["ENGINE"], .string("django.db.backends.mysql"))
        XCTAssertNil(DatabaseURL.parse("redis://localhost:6379/0"))
        XCTAssertNil(DatabaseURL.parse("postgres://h:notaport/db"))
        XCTAssertNil(DatabaseURL.parse("just text"))
    }
}
