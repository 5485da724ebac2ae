import XCTest
@testable import AuthCore

final class SettingsEvaluatorTests: XCTestCase {
    private func value(_ name: String, in settings: DjangoSettings, file: StaticString = #filePath, line: UInt = #line) -> PythonValue? {
        guard let setting = settings.value(of: name) else {
            XCTFail("\(name) is not set", file: file, line: line)
            return nil
        }
        return setting.value
    }

    func testLiteralsAndNamesBoundEarlier() throws {
        let (settings, _) = try readSettings("""
        SITE_URL = "https://example.com"
        STATIC_URL = SITE_URL + "/static/"
        SCOPES = {'profile', 'email', 'profile'}
        PAIR = (1, -2.5, None, True)
        EMPTY = ()
        PROVIDERS = {
            "google": {"SCOPE": ["profile"], "AUTH_PARAMS": {"access_type": "online"}},
            "github": dict(VERIFIED_EMAIL=True),
        }
        LOGO = STATIC_URL + 'img/' 'logo.png'
        PEM = '''-----BEGIN-----
        abc
        -----END-----'''
        """, test: self)
        XCTAssertEqual(settings.diagnostics, [])
        XCTAssertEqual(value("STATIC_URL", in: settings), .string("https://example.com/static/"))
        XCTAssertEqual(value("SCOPES", in: settings), .set([.string("profile"), .string("email")]))
        XCTAssertEqual(value("PAIR", in: settings), .tuple([.int(1), .float(-2.5), .none, .bool(true)]))
        XCTAssertEqual(value("EMPTY", in: settings), .tuple([]))
        XCTAssertEqual(value("LOGO", in: settings), .string("https://example.com/static/img/logo.png"))
        XCTAssertEqual(value("PEM", in: settings), .string("-----BEGIN-----\nabc\n-----END-----"))
        XCTAssertEqual(value("PROVIDERS", in: settings)?["github"], .dict([DictionaryEntry(key: .string("VERIFIED_EMAIL"), value: .bool(true))]))
        XCTAssertEqual(value("PROVIDERS", in: settings)?["google"]?["AUTH_PARAMS"]?["access_type"], .string("online"))
        XCTAssertEqual(settings.value(of: "LOGO")?.location, .settings(10))
        XCTAssertEqual(settings.settingNames, ["SITE_URL", "STATIC_URL", "SCOPES", "PAIR", "EMPTY", "PROVIDERS", "LOGO", "PEM"])
    }

    func testFStringsPercentAndFormat() throws {
        let (settings, _) = try readSettings("""
        KEYCLOAK_SERVER_URL = "https://kc.example.com/"
        KEYCLOAK_REALM = "main"
        PORT = 8000
        WELL_KNOWN = f"{KEYCLOAK_SERVER_URL}realms/{KEYCLOAK_REALM}/.well-known/openid-configuration"
        REPR = f"{KEYCLOAK_REALM!r}:{PORT:>6}|{PORT:05d}|{1.5:.2f}"
        OLD = "sqlite:///%s/%d%%" % ("db", 5)
        NEW = "sqlite:////{0}/{name}".format("tmp", name="db.sqlite3")
        UNKNOWN = f"{UNDEFINED_NAME}/x"
        """, test: self)
        XCTAssertEqual(value("WELL_KNOWN", in: settings), .string("https://kc.example.com/realms/main/.well-known/openid-configuration"))
        XCTAssertEqual(value("REPR", in: settings), .string("'main':  8000|08000|1.50"))
        XCTAssertEqual(value("OLD", in: settings), .string("sqlite:///db/5%"))
        XCTAssertEqual(value("NEW", in: settings), .string("sqlite:////tmp/db.sqlite3"))
        XCTAssertEqual(value("UNKNOWN", in: settings),
                       .dynamic(DynamicValue(reason: "UNDEFINED_NAME is not defined in the files read", location: .settings(8))))
    }

    func testPathsFromFileLocation() throws {
        let (settings, project) = try readSettings("""
        import os
        from pathlib import Path
        BASE_DIR = Path(__file__).resolve().parent
        OLD_BASE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        DB = BASE_DIR / "data" / "db.sqlite3"
        DB_TEXT = str(BASE_DIR / "db.sqlite3")
        JOINED = os.path.join(BASE_DIR, "static", "x")
        TOP = BASE_DIR.parents[0]
        NAME = DB.name, DB.stem, DB.suffix
        """, test: self)
        let root = project.root.path
        XCTAssertEqual(value("BASE_DIR", in: settings), .path(root))
        XCTAssertEqual(value("OLD_BASE", in: settings), .string(project.root.deletingLastPathComponent().path))
        XCTAssertEqual(value("DB", in: settings), .path(root + "/data/db.sqlite3"))
        XCTAssertEqual(value("DB_TEXT", in: settings), .string(root + "/db.sqlite3"))
        XCTAssertEqual(value("JOINED", in: settings), .string(root + "/static/x"))
        XCTAssertEqual(value("TOP", in: settings), .path(project.root.deletingLastPathComponent().path))
        XCTAssertEqual(value("NAME", in: settings), .tuple([.string("db.sqlite3"), .string("db"), .string(".sqlite3")]))
    }

    func testEnvironmentLookupsKeepTheVariableName() throws {
        let (settings, _) = try readSettings("""
        import os
        import environ
        from decouple import config, Csv
        env = environ.Env(DEBUG=(bool, False))
        A = os.getenv("A_VAR", "fallback")
        B = os.environ.get("B_VAR")
        C = os.environ["C_VAR"]
        DEBUG = env("DEBUG")
        HOSTS = env.list("HOSTS", default=["localhost"])
        PORT = config("PORT", default="8000", cast=int)
        ORIGINS = config("ORIGINS", default="a.com, b.com", cast=Csv())
        MISSING = os.environ["NOT_SET"]
        """, environment: ["B_VAR": "from-env", "C_VAR": "see", "DEBUG": "yes", "HOSTS": "x.com,y.com"], test: self)
        guard case .env(let a)? = value("A", in: settings) else { return XCTFail("A is not an env reference") }
        XCTAssertEqual(a.name, "A_VAR")
        XCTAssertEqual(a.lookup, "os.getenv")
        XCTAssertEqual(a.defaultValue, .string("fallback"))
        XCTAssertEqual(a.resolution, .defaultValue)
        XCTAssertEqual(a.resolvedValue, .string("fallback"))
        XCTAssertEqual(a.location, .settings(5))
        XCTAssertEqual(a.description, "$A_VAR (unset; default 'fallback')")
        XCTAssertEqual(value("B", in: settings)?.resolved, .string("from-env"))
        XCTAssertEqual(value("C", in: settings)?.resolved, .string("see"))
        XCTAssertEqual(value("DEBUG", in: settings)?.resolved, .bool(true))
        XCTAssertEqual(value("HOSTS", in: settings)?.resolved, .list([.string("x.com"), .string("y.com")]))
        XCTAssertEqual(value("PORT", in: settings)?.resolved, .int(8000))
        XCTAssertEqual(value("ORIGINS", in: settings)?.resolved, .list([.string("a.com"), .string("b.com")]))
        guard case .env(let missing)? = value("MISSING", in: settings) else { return XCTFail("MISSING is not an env reference") }
        XCTAssertEqual(missing.resolution, .unset)
        XCTAssertNil(missing.resolvedValue)
        XCTAssertEqual(missing.description, "$NOT_SET (unset, no default)")
    }

    func testJsonFromEnvironmentAndOrFallback() throws {
        let (settings, _) = try readSettings("""
        import json, os
        PROVIDERS = json.loads(os.getenv("SOCIALACCOUNT_PROVIDERS", "{}"))
        FALLBACK = os.environ.get("NOPE") or "default"
        CHOSEN = "a" if os.environ.get("FLAG") else "b"
        """, environment: ["SOCIALACCOUNT_PROVIDERS": #"{"github": {"SCOPE": ["user"], "VERIFIED": true}}"#, "FLAG": "1"], test: self)
        guard case .env(let providers)? = value("PROVIDERS", in: settings) else { return XCTFail("not an env reference") }
        XCTAssertEqual(providers.name, "SOCIALACCOUNT_PROVIDERS")
        XCTAssertEqual(providers.cast, .json)
        XCTAssertEqual(providers.resolvedValue?["github"]?["SCOPE"], .list([.string("user")]))
        XCTAssertEqual(providers.resolvedValue?["github"]?["VERIFIED"], .bool(true))
        XCTAssertEqual(value("FALLBACK", in: settings), .string("default"))
        XCTAssertEqual(value("CHOSEN", in: settings), .string("a"))
    }

    func testStatementLevelMutations() throws {
        let (settings, _) = try readSettings("""
        INSTALLED_APPS = ["django.contrib.auth"]
        INSTALLED_APPS += ("allauth",)
        INSTALLED_APPS.append("allauth.account")
        INSTALLED_APPS.insert(0, "first")
        INSTALLED_APPS.extend(["x", "y"])
        INSTALLED_APPS.remove("x")
        PROVIDERS = {"github": {"APPS": []}}
        PROVIDERS["github"]["APPS"].append({"client_id": "id1"})
        PROVIDERS["google"] = {"SCOPE": ["email"]}
        PROVIDERS.update({"gitlab": {}}, apple={})
        PROVIDERS.setdefault("github", {})
        del PROVIDERS["gitlab"]
        PROVIDERS["missing"]["APPS"].append(1)
        a, (b, *rest) = 1, (2, 3, 4)
        COUNT = 1
        COUNT += 2
        """, test: self)
        XCTAssertEqual(value("INSTALLED_APPS", in: settings),
                       .list(["first", "django.contrib.auth", "allauth", "allauth.account", "y"].map(PythonValue.string)))
        XCTAssertEqual(settings.value(of: "INSTALLED_APPS")?.location, .settings(1))
        XCTAssertEqual(settings.value(of: "INSTALLED_APPS")?.modifiedAt.map(\.line), [2, 3, 4, 5, 6])
        let providers = value("PROVIDERS", in: settings)
        XCTAssertEqual(providers?["github"]?["APPS"], .list([.dict([DictionaryEntry(key: .string("client_id"), value: .string("id1"))])]))
        XCTAssertEqual(providers?["google"]?["SCOPE"], .list([.string("email")]))
        guard case .dict(let entries)? = providers else { return XCTFail("PROVIDERS is not a dict") }
        XCTAssertEqual(entries.map(\.key), [.string("github"), .string("google"), .string("apple")])
        XCTAssertEqual(settings.diagnostics.map(\.problem), [
            .runtimeFailure(.settings(13), detail: "PROVIDERS has no key 'missing', so this line would fail when Django starts; the change is ignored"),
        ])
        XCTAssertEqual(value("a", in: settings), .int(1))
        XCTAssertEqual(value("b", in: settings), .int(2))
        XCTAssertEqual(value("rest", in: settings), .list([.int(3), .int(4)]))
        XCTAssertEqual(value("COUNT", in: settings), .int(3))
    }

    func testConditionalAppendOnEnvironmentKeepsBothVariants() throws {
        let source = """
        import os
        SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": []}}
        if os.getenv("OIDC_CLIENT_ID"):
            SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"].append(
                {"provider_id": "oidc", "client_id": os.getenv("OIDC_CLIENT_ID")}
            )
        """
        let (unset, _) = try readSettings(source, test: self)
        let setting = try XCTUnwrap(unset.value(of: "SOCIALACCOUNT_PROVIDERS"))
        XCTAssertTrue(setting.isConditional)
        XCTAssertEqual(setting.value["openid_connect"]?["APPS"], .list([]))
        XCTAssertEqual(setting.variants.count, 1)
        XCTAssertEqual(setting.variants.first?["openid_connect"]?["APPS"].flatMap { Semantics.elements($0, limit: 10) }?.count, 1)

        let (set, _) = try readSettings(source, environment: ["OIDC_CLIENT_ID": "abc"], test: self)
        let chosen = try XCTUnwrap(set.value(of: "SOCIALACCOUNT_PROVIDERS"))
        XCTAssertTrue(chosen.isConditional)
        XCTAssertEqual(chosen.value["openid_connect"]?["APPS"].flatMap { Semantics.elements($0, limit: 10) }?.first?["client_id"]?.resolved,
                       .string("abc"))
        XCTAssertEqual(chosen.variants, [.dict([DictionaryEntry(key: .string("openid_connect"),
                                                                value: .dict([DictionaryEntry(key: .string("APPS"), value: .list([]))]))])])
    }

    func testLiteralConditionsAreDecidedWithoutMarkingValues() throws {
        let (settings, _) = try readSettings("""
        DEBUG = False
        if DEBUG:
            MODE = "dev"
        elif 1 + 1 == 2:
            MODE = "prod"
        else:
            MODE = "never"
        import sys
        if "test" in sys.argv:
            DATABASE = "sqlite"
        else:
            DATABASE = "postgres"
        """, test: self)
        XCTAssertEqual(settings.value(of: "MODE"), SettingValue(name: "MODE", value: .string("prod"), location: .settings(5)))
        let database = try XCTUnwrap(settings.value(of: "DATABASE"))
        XCTAssertEqual(database.value, .string("postgres"))
        XCTAssertTrue(database.isConditional)
        XCTAssertEqual(database.variants, [.string("sqlite")])
    }

    func testTryExceptVariantsAndReassignment() throws {
        let (settings, _) = try readSettings("""
        import ast, os
        try:
            PROVIDERS = ast.literal_eval(os.getenv("PROVIDERS_LITERAL", "{'a': 1}"))
        except ValueError:
            PROVIDERS = {}
        X = 1
        X = 2
        try:
            Y = 1
        except Exception:
            Y = 2
        """, test: self)
        let providers = try XCTUnwrap(settings.value(of: "PROVIDERS"))
        XCTAssertEqual(providers.value.resolved, .dict([DictionaryEntry(key: .string("a"), value: .int(1))]))
        XCTAssertTrue(providers.isConditional)
        XCTAssertEqual(providers.variants, [.dict([])])
        XCTAssertEqual(settings.value(of: "X"), SettingValue(name: "X", value: .int(2), location: .settings(7)))
        XCTAssertEqual(settings.value(of: "Y")?.isConditional, false)
    }

    func testUnsupportedConstructsBecomeDynamicWithTheirPlace() throws {
        let (settings, _) = try readSettings("""
        import dj_database_url
        def setup_database():
            return {}
        DATABASES = {"default": setup_database()}
        LOCALE_FUNC = lambda request: 'en_US'
        SQUARES = [x * x for x in range(3)]
        for name in ["a", "b"]:
            LAST = name
        for item in UNKNOWN_LIST:
            SEEN = item
        COUNT = 0
        while COUNT < 3:
            COUNT += 1
        BIG = 2 ** 100
        BAD = 1 / 0
        """, test: self)
        XCTAssertEqual(value("DATABASES", in: settings)?["default"],
                       .dynamic(DynamicValue(reason: "setup_database()", location: .settings(4))))
        XCTAssertEqual(value("LOCALE_FUNC", in: settings), .dynamic(DynamicValue(reason: "a lambda", location: .settings(5))))
        XCTAssertEqual(value("SQUARES", in: settings), .dynamic(DynamicValue(reason: "a list comprehension", location: .settings(6))))
        XCTAssertEqual(value("LAST", in: settings), .string("b"))
        XCTAssertEqual(value("SEEN", in: settings),
                       .dynamic(DynamicValue(reason: "changed in a for loop over a value known only at run time", location: .settings(9))))
        XCTAssertEqual(value("COUNT", in: settings), .dynamic(DynamicValue(reason: "changed in a while loop", location: .settings(12))))
        XCTAssertEqual(value("BIG", in: settings), .dynamic(DynamicValue(reason: "integer too large", location: .settings(14))))
        XCTAssertEqual(value("BAD", in: settings), .dynamic(DynamicValue(reason: "division by zero", location: .settings(15))))
    }

    func testSyntaxErrorLineBecomesDynamicAndTheRestIsRead() throws {
        let (settings, _) = try readSettings("""
        A = 1
        B = (2 +* 3)
        C = 3
        """, test: self)
        XCTAssertEqual(settings.diagnostics.map(\.problem), [.syntaxError(.settings(2), detail: "expected an expression, found '*'")])
        XCTAssertEqual(value("B", in: settings), .dynamic(DynamicValue(reason: "the line setting it could not be parsed", location: .settings(2))))
        XCTAssertEqual(value("C", in: settings), .int(3))
    }

    func testClassBasedSettingsAreReportedAsUnsupported() throws {
        let (settings, _) = try readSettings("""
        from configurations import Configuration
        class Dev(Configuration):
            DEBUG = True
            DATABASES = {}
        """, test: self)
        let problem = SettingsError.unsupportedLayout(.settings(2), detail: "settings are defined in class Dev (class-based settings such as django-configurations or pydantic)")
        XCTAssertEqual(settings.unsupportedLayout, problem)
        XCTAssertEqual(settings.diagnostics.map(\.problem), [problem])
        XCTAssertThrowsError(try settings.databaseLocation()) { error in
            XCTAssertEqual(error as? SettingsError, problem)
            XCTAssertEqual((error as? UserFacingError)?.message,
                           "settings.py:2: settings are defined in class Dev (class-based settings such as django-configurations or pydantic); authconsole cannot read settings written this way, so pass --db PATH or set DATABASE_URL.")
        }

        let (pydantic, _) = try readSettings("""
        import sys
        for key, value in Settings().model_dump().items():
            setattr(sys.modules[__name__], key, value)
        """, test: self)
        XCTAssertEqual(pydantic.unsupportedLayout, .unsupportedLayout(.settings(3), detail: "settings are set at run time with setattr(sys.modules[__name__], ...)"))
    }

    func testSettingsThatChangeTheEnvironment() throws {
        let (settings, _) = try readSettings("""
        import os
        os.environ.setdefault("MODE", "staging")
        os.environ.setdefault("KEPT", "ignored")
        os.environ["FORCED"] = "yes"
        MODE = os.environ["MODE"]
        KEPT = os.getenv("KEPT")
        FORCED = os.getenv("FORCED")
        if "SENTRY_DSN" in os.environ:
            SENTRY = True
        else:
            SENTRY = False
        """, environment: ["KEPT": "process", "FORCED": "no"], test: self)
        XCTAssertEqual(settings.value(of: "MODE")?.value.resolved, .string("staging"))
        XCTAssertEqual(settings.value(of: "KEPT")?.value.resolved, .string("process"))
        XCTAssertEqual(settings.value(of: "FORCED")?.value.resolved, .string("yes"))
        let sentry = try XCTUnwrap(settings.value(of: "SENTRY"))
        XCTAssertEqual(sentry.value, .bool(false))
        XCTAssertTrue(sentry.isConditional, "a branch on the environment is conditional")
        XCTAssertEqual(sentry.variants, [.bool(true)])
    }

    func testAbsoluteStarImportChainInsideTheProject() throws {
        let project = try TemporaryProject([
            "proj/__init__.py": "",
            "proj/settings/__init__.py": "",
            "proj/settings/common.py": "APPS = ['a']\nLEVEL = 'common'\n",
            "proj/settings/base.py": "from proj.settings.common import *\nAPPS.append('b')\nLEVEL = 'base'\n",
            "proj/settings/dev.py": "from proj.settings.base import *\nAPPS += ['c']\n",
        ], test: self)
        let settings = project.read("proj.settings.dev")
        XCTAssertEqual(settings.diagnostics, [])
        XCTAssertEqual(settings.filesRead, ["proj/settings/dev.py", "proj/settings/base.py", "proj/settings/common.py"])
        XCTAssertEqual(settings.value(of: "APPS")?.value, .list([.string("a"), .string("b"), .string("c")]))
        XCTAssertEqual(settings.value(of: "APPS")?.location, SourceLocation(file: "proj/settings/common.py", line: 1))
        XCTAssertEqual(settings.value(of: "APPS")?.modifiedAt,
                       [SourceLocation(file: "proj/settings/base.py", line: 2), SourceLocation(file: "proj/settings/dev.py", line: 2)])
        XCTAssertEqual(settings.value(of: "LEVEL")?.location, SourceLocation(file: "proj/settings/base.py", line: 3))
    }

    func testRequiredVariableMissingInsideTryRunsTheHandler() throws {
        let source = """
        import os
        import environs
        env = environs.Env()
        try:
            DATABASES = {"default": env.dj_db_url("DATABASE_URL")}
        except (environs.EnvError, environs.EnvValidationError):
            DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "fallback.db"}}
        try:
            SECRET_KEY = os.environ["SECRET_KEY"]
        except KeyError:
            SECRET_KEY = "dev"
        REQUIRED = os.environ["NOT_IN_TRY"]
        try:
            if os.environ.get("FLAG"):
                BRANCH = "flag"
            else:
                BRANCH = os.environ["MISSING_BRANCH"]
        except KeyError:
            BRANCH = "handler"
        """
        let (unset, project) = try readSettings(source, test: self)
        XCTAssertEqual(try unset.databaseLocation(), .sqlite(path: project.path("fallback.db")))
        XCTAssertEqual(unset.value(of: "DATABASES")?.location, .settings(7))
        let secretKey = try XCTUnwrap(unset.value(of: "SECRET_KEY"))
        XCTAssertEqual(secretKey.value, .string("dev"))
        XCTAssertEqual(secretKey.isConditional, true, "with SECRET_KEY set the body would win")
        XCTAssertEqual(secretKey.variants.map(\.description), ["$SECRET_KEY (unset, no default)"])
        guard case .env(let required)? = unset.value(of: "REQUIRED")?.value else { return XCTFail("REQUIRED is not an env reference") }
        XCTAssertEqual(required.resolution, .unset)
        XCTAssertEqual(unset.diagnostics, [])
        XCTAssertEqual(unset.value(of: "BRANCH")?.value, .string("handler"))

        let (set, _) = try readSettings(source, environment: ["DATABASE_URL": "postgres://db/app", "SECRET_KEY": "k"], test: self)
        XCTAssertEqual(try set.databaseLocation(), .postgres(PostgresParameters(engine: "django.db.backends.postgresql", name: "app",
                                                                                 user: "", password: "", host: "db")))
        XCTAssertEqual(set.value(of: "DATABASES")?.isConditional, true, "the handler may still run at run time")
        let (flag, _) = try readSettings(source, environment: ["FLAG": "1"], test: self)
        XCTAssertEqual(flag.value(of: "BRANCH")?.value, .string("flag"), "only the branch taken decides whether the try body raises")
    }
}
