import XCTest
@testable import AuthCore

/// Whole projects modelled on the corpus: discovery from manage.py, split settings with star
/// imports, env-driven settings with `.env`, and the classic startproject layout.
final class SettingsProjectTests: XCTestCase {
    func testSplitSettingsWithStarImportsAndDotEnv() throws {
        let root = fixtureFolder("splitsettings").standardizedFileURL
        let project = try DjangoProject.locate(from: root.appendingPathComponent("config/settings"), environment: [:])
        XCTAssertEqual(project.rootFolder.path, root.path)
        XCTAssertEqual(project.settingsModule, "config.settings.local")
        XCTAssertEqual(project.settingsModuleSource, .manageFile(SourceLocation(file: "manage.py", line: 7)))
        XCTAssertEqual(project.settingsFile.path, root.appendingPathComponent("config/settings/local.py").path)

        let settings = project.readSettings()
        XCTAssertEqual(settings.filesRead, ["config/settings/local.py", "config/settings/base.py"])
        XCTAssertEqual(settings.dotEnvFiles, [".env"])
        XCTAssertEqual(settings.diagnostics.map(\.problem), [
            .optionalModuleMissing(SourceLocation(file: "config/settings/local.py", line: 19), module: ".local_settings"),
        ])
        XCTAssertEqual(settings.value(of: "DEBUG")?.value, .bool(true))
        XCTAssertEqual(settings.value(of: "DEBUG")?.location, SourceLocation(file: "config/settings/local.py", line: 6))
        XCTAssertEqual(settings.value(of: "TIME_ZONE")?.location, SourceLocation(file: "config/settings/base.py", line: 21))
        XCTAssertEqual(settings.value(of: "INSTALLED_APPS")?.value, .list([
            "django.contrib.auth", "django.contrib.contenttypes", "django.contrib.sessions", "django.contrib.sites",
            "allauth", "allauth.account", "allauth.socialaccount", "allauth.socialaccount.providers.google", "cmt.users",
            "debug_toolbar",
        ].map(PythonValue.string)))
        XCTAssertEqual(settings.value(of: "INSTALLED_APPS")?.modifiedAt, [SourceLocation(file: "config/settings/local.py", line: 14)])

        let google = try XCTUnwrap(settings.value(of: "SOCIALACCOUNT_PROVIDERS")?.value["google"])
        XCTAssertEqual(google["AUTH_PARAMS"], .dict([
            DictionaryEntry(key: .string("access_type"), value: .string("online")),
            DictionaryEntry(key: .string("prompt"), value: .string("select_account")),
        ]))
        guard case .env(let clientID)? = google["APP"]?["client_id"] else { return XCTFail("client_id is not an env reference") }
        XCTAssertEqual(clientID.name, "GOOGLE_CLIENT_ID")
        XCTAssertEqual(clientID.resolution, .dotEnv(file: ".env"))
        XCTAssertEqual(clientID.resolvedValue, .string("1234.apps.googleusercontent.com"))
        XCTAssertEqual(clientID.location, SourceLocation(file: "config/settings/base.py", line: 65))

        guard case .env(let secretKey)? = settings.value(of: "SECRET_KEY")?.value else { return XCTFail("SECRET_KEY is not an env reference") }
        XCTAssertEqual(secretKey.name, "DJANGO_SECRET_KEY")
        XCTAssertEqual(secretKey.resolution, .dotEnv(file: ".env"))

        XCTAssertEqual(try settings.databaseLocation(), .sqlite(path: root.appendingPathComponent("db.sqlite3").path))
        XCTAssertEqual(settings.value(of: "DATABASES")?.value["default"]?["ATOMIC_REQUESTS"], .bool(true))
    }

    func testEnvironmentOverridesTheSettingsModuleAndTheDotEnv() throws {
        let root = fixtureFolder("splitsettings")
        let environment = ["DJANGO_SETTINGS_MODULE": "config.settings.production",
                           "DATABASE_URL": "postgres://cmt:pw%21@db.example.com:6432/cmt?sslmode=require",
                           "DJANGO_ALLOWED_HOSTS": "cmt.example.com, www.cmt.example.com"]
        let project = try DjangoProject.locate(from: root, environment: environment)
        XCTAssertEqual(project.settingsModule, "config.settings.production")
        XCTAssertEqual(project.settingsModuleSource, .environment)
        let settings = project.readSettings()
        XCTAssertEqual(settings.value(of: "ALLOWED_HOSTS")?.value.resolved, .list([.string("cmt.example.com"), .string("www.cmt.example.com")]))
        XCTAssertEqual(settings.value(of: "DATABASES")?.value["default"]?["CONN_MAX_AGE"]?.resolved, .int(60))
        XCTAssertEqual(try settings.databaseLocation(), .postgres(PostgresParameters(
            engine: "django.db.backends.postgresql", name: "cmt", user: "cmt", password: "pw!", host: "db.example.com", port: 6432,
            options: ["sslmode": "require"])))
    }

    func testEnvDrivenSettingsWithLoadDotEnvAndConditionalAppend() throws {
        let root = fixtureFolder("envdriven").standardizedFileURL
        let project = try DjangoProject.locate(from: root, environment: ["SQL_USER": "wyg"])
        XCTAssertEqual(project.settingsModule, "app.settings")
        XCTAssertEqual(project.settingsModuleSource, .manageFile(SourceLocation(file: "manage.py", line: 9)))
        let settings = project.readSettings()
        XCTAssertEqual(settings.diagnostics, [])
        XCTAssertEqual(settings.value(of: "DEBUG")?.value, .bool(false))
        XCTAssertEqual(settings.value(of: "ALLOWED_HOSTS")?.value, .list([.string("localhost"), .string("127.0.0.1")]))

        let providers = try XCTUnwrap(settings.value(of: "SOCIALACCOUNT_PROVIDERS"))
        XCTAssertTrue(providers.isConditional)
        XCTAssertEqual(providers.modifiedAt.map(\.line), [48, 61])
        let apps = try XCTUnwrap(providers.value["openid_connect"]?["APPS"].flatMap { Semantics.elements($0, limit: 10) })
        XCTAssertEqual(apps.count, 1)
        XCTAssertEqual(apps.first?["client_id"]?.resolved, .string("console"))
        XCTAssertEqual(apps.first?["settings"]?["server_url"],
                       .string("https://sso.example.org/realms/main/.well-known/openid-configuration"))

        let databases = try XCTUnwrap(settings.value(of: "DATABASES"))
        XCTAssertTrue(databases.isConditional)
        XCTAssertEqual(databases.location, SourceLocation(file: "app/settings.py", line: 25))
        XCTAssertEqual(databases.variants.count, 1)
        guard case .postgres(let parameters) = try settings.databaseLocation() else { return XCTFail("expected PostgreSQL") }
        XCTAssertEqual(parameters, PostgresParameters(
            engine: "django.db.backends.postgresql", name: "wygiwyh", user: "wyg", password: "canary-sql-password-55e1",
            host: "db.internal", port: 5432, options: ["sslmode": "prefer"],
            environmentVariables: ["NAME": "SQL_DATABASE", "USER": "SQL_USER", "PASSWORD": "SQL_PASSWORD", "HOST": "SQL_HOST", "PORT": "SQL_PORT"]))
        XCTAssertEqual(parameters.description,
                       "PostgreSQL database 'wygiwyh' on db.internal:5432 as 'wyg' (password from $SQL_PASSWORD)")
    }

    func testStartProjectLayoutFromASubfolderSearch() throws {
        let fixtures = fixtureFolder("startproject").standardizedFileURL
        let project = try DjangoProject.locate(from: fixtures.appendingPathComponent("mysite/settings.py"), environment: [:])
        XCTAssertEqual(project.rootFolder.path, fixtures.path)
        let settings = project.readSettings()
        XCTAssertEqual(settings.diagnostics, [])
        XCTAssertEqual(settings.value(of: "TEMPLATES")?.value.resolved.flatMap { Semantics.elements($0, limit: 5) }?.first?["DIRS"],
                       .list([.path(fixtures.appendingPathComponent("templates").path)]))
        XCTAssertEqual(try settings.databaseLocation(), .sqlite(path: fixtures.appendingPathComponent("db.sqlite3").path))
        XCTAssertEqual(settings.value(of: "SOCIALACCOUNT_PROVIDERS")?.value["github"]?["SCOPE"],
                       .list([.string("user"), .string("repo"), .string("read:org")]))
    }

    func testLegacyLayoutWithLocalSettingsOverride() throws {
        let root = fixtureFolder("legacy").standardizedFileURL
        let project = try DjangoProject.locate(from: root, environment: [:])
        let settings = project.readSettings()
        XCTAssertEqual(settings.diagnostics, [])
        XCTAssertEqual(settings.filesRead, ["legacy/settings.py", "local_settings.py"])
        XCTAssertEqual(settings.value(of: "DATABASES")?.location, SourceLocation(file: "local_settings.py", line: 1))
        XCTAssertEqual(try settings.databaseLocation(), .sqlite(path: root.appendingPathComponent("local.sqlite3").path))
        XCTAssertEqual(settings.value(of: "SOCIALACCOUNT_PROVIDERS")?.value["persona"]?["REQUEST_PARAMETERS"]?["siteLogo"],
                       .string("/static/img/favicon.png"))
    }

    func testDiscoveryErrors() throws {
        let empty = try TemporaryProject(["README.md": "nothing here"], test: self)
        XCTAssertThrowsError(try DjangoProject.locate(from: empty.root, environment: [:])) { error in
            XCTAssertEqual(error as? SettingsError, .manageFileNotFound(searchedFrom: empty.root.path))
        }

        let two = try TemporaryProject(["a/manage.py": "", "b/manage.py": ""], test: self)
        XCTAssertThrowsError(try DjangoProject.locate(from: two.root, environment: [:])) { error in
            XCTAssertEqual(error as? SettingsError, .ambiguousManageFiles(candidates: ["a/manage.py", "b/manage.py"]))
            XCTAssertEqual((error as? UserFacingError)?.message,
                           "Several manage.py files found (a/manage.py, b/manage.py); run authconsole from the project folder you mean.")
        }

        let undeclared = try TemporaryProject(["manage.py": "import sys\n"], test: self)
        XCTAssertThrowsError(try DjangoProject.locate(from: undeclared.root, environment: [:])) { error in
            XCTAssertEqual(error as? SettingsError, .settingsModuleNotDeclared(manageFile: "manage.py"))
        }
        let fromEnvironment = try DjangoProject.locate(from: undeclared.root, environment: ["DJANGO_SETTINGS_MODULE": "manage"])
        XCTAssertEqual(fromEnvironment.settingsModule, "manage")

        let missing = try TemporaryProject(["src/manage.py": "import os\nos.environ['DJANGO_SETTINGS_MODULE'] = 'proj.settings'\n"], test: self)
        XCTAssertThrowsError(try DjangoProject.locate(from: missing.root, environment: [:])) { error in
            XCTAssertEqual(error as? SettingsError, .settingsModuleNotFound(module: "proj.settings", searched: ["proj/settings.py", "proj/settings/__init__.py"]))
        }
        XCTAssertThrowsError(try DjangoProject.locate(from: missing.root, environment: ["DJANGO_SETTINGS_MODULE": "../etc/passwd"])) { error in
            XCTAssertEqual(error as? SettingsError, .invalidSettingsModuleName("../etc/passwd"))
        }
    }

    func testPackageSettingsModuleWithInitFile() throws {
        let project = try TemporaryProject([
            "manage.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'core.config')\n",
            "core/__init__.py": "",
            "core/config/__init__.py": "from .base import *\nfrom .oauth2 import *\n",
            "core/config/base.py": "DEBUG = False\n",
            "core/config/oauth2.py": "SOCIALACCOUNT_PROVIDERS = {'google': {'SCOPE': ['email']}}\n_PRIVATE = 1\n",
        ], test: self)
        let located = try DjangoProject.locate(from: project.root, environment: [:])
        XCTAssertEqual(located.settingsFile.path, project.path("core/config/__init__.py"))
        let settings = located.readSettings()
        XCTAssertEqual(settings.settingNames, ["DEBUG", "SOCIALACCOUNT_PROVIDERS"])
        XCTAssertNil(settings.value(of: "_PRIVATE"))
        XCTAssertEqual(settings.value(of: "SOCIALACCOUNT_PROVIDERS")?.location, SourceLocation(file: "core/config/oauth2.py", line: 1))
    }

    func testExplicitImportsAndModuleAttributes() throws {
        let project = try TemporaryProject([
            "settings.py": """
            from project.providers import SOCIALACCOUNT_PROVIDERS as PROVIDERS
            from project import providers
            import project.providers as p
            FROM_MODULE = providers.SITE
            FROM_ALIAS = p.SITE
            try:
                from project.providers import NOT_THERE
            except ImportError:
                NOT_THERE = "fallback"
            """,
            "project/__init__.py": "",
            "project/providers.py": "SITE = 'x'\nSOCIALACCOUNT_PROVIDERS = {'github': {}}\n",
        ], test: self)
        let settings = project.read()
        XCTAssertEqual(settings.value(of: "PROVIDERS")?.value, .dict([DictionaryEntry(key: .string("github"), value: .dict([]))]))
        XCTAssertEqual(settings.value(of: "PROVIDERS")?.location, SourceLocation(file: "project/providers.py", line: 2))
        XCTAssertEqual(settings.value(of: "FROM_MODULE")?.value, .string("x"))
        XCTAssertEqual(settings.value(of: "FROM_ALIAS")?.value, .string("x"))
        XCTAssertEqual(settings.value(of: "NOT_THERE")?.value, .string("fallback"))
    }
}
