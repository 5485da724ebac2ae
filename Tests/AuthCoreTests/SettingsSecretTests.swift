import XCTest
@testable import AuthCore

/// Secrets from `.env` files, the environment and literals must never appear in a description,
/// a diagnostic or an error message.
final class SettingsSecretTests: XCTestCase {
    private let canaries = [
        "canary-dotenv-secret-7f3a", "canary-google-secret-91c2", "canary-sql-password-55e1", "canary-oidc-secret-0b7d",
        "canary-literal-secret-3d9f", "canary-github-secret-literal-a41b", "canary-process-env-66aa", "canary-url-password-12ab",
        "canary-default-secret-9e9e",
    ]

    private func assertNoCanary(_ texts: [String], file: StaticString = #filePath, line: UInt = #line) {
        for text in texts {
            for canary in canaries where text.contains(canary) {
                XCTFail("'\(canary)' leaked in: \(text)", file: file, line: line)
            }
        }
    }

    private func everything(_ settings: DjangoSettings) -> [String] {
        var texts = settings.settings.map(\.description)
        texts += settings.settings.map { "\($0)" }
        texts += settings.settings.map(\.valueDescription)
        texts += settings.settings.flatMap(\.variantDescriptions)
        texts += settings.diagnostics.map(\.description)
        if let location = try? settings.databaseLocation() {
            texts.append(location.description)
            texts.append("\(location)")
        }
        do { _ = try settings.databaseLocation() } catch let error as UserFacingError { texts.append(error.message) } catch {}
        return texts
    }

    func testFixtureProjectsNeverShowSecrets() throws {
        for name in ["splitsettings", "envdriven", "startproject"] {
            let project = try DjangoProject.locate(from: fixtureFolder(name), environment: ["PROCESS_SECRET": "canary-process-env-66aa"])
            let settings = project.readSettings()
            var texts = everything(settings)
            texts += [String(describing: project), String(reflecting: project), String(reflecting: settings),
                      String(reflecting: SettingsReader(rootFolder: project.rootFolder, environment: project.environment))]
            if case .success(let file) = DotEnvFile.read(project.rootFolder.appendingPathComponent(".env"), displayPath: ".env") {
                texts += [String(describing: file), String(reflecting: file)]
                XCTAssertFalse(file.values.isEmpty)
            }
            XCTAssertFalse(texts.isEmpty)
            assertNoCanary(texts)
        }
    }

    func testTheCanariesAreReallyReadSoTheCheckAbove() throws {
        // The values are there for a caller that asks for them explicitly ...
        let split = try DjangoProject.locate(from: fixtureFolder("splitsettings"), environment: [:]).readSettings()
        XCTAssertEqual(split.value(of: "SECRET_KEY")?.value.resolved, .string("canary-dotenv-secret-7f3a"))
        let start = try DjangoProject.locate(from: fixtureFolder("startproject"), environment: [:]).readSettings()
        XCTAssertEqual(start.value(of: "SECRET_KEY")?.value, .string("django-insecure-canary-literal-secret-3d9f"))
        XCTAssertEqual(start.value(of: "SOCIALACCOUNT_PROVIDERS")?.value["github"]?["APP"]?["secret"],
                       .string("canary-github-secret-literal-a41b"))
        // ... but descriptions hide them.
        XCTAssertEqual(start.value(of: "SECRET_KEY")?.description, "SECRET_KEY = <redacted> (mysite/settings.py:15)")
        XCTAssertEqual(split.value(of: "SECRET_KEY")?.description, "SECRET_KEY = $DJANGO_SECRET_KEY (from .env) (config/settings/local.py:7)")
        XCTAssertEqual(start.value(of: "SOCIALACCOUNT_PROVIDERS")?.value.description,
                       "{'github': {'APP': {'client_id': 'Iv1.0123456789abcdef', 'secret': <redacted>, 'key': <redacted>}, 'SCOPE': ['user', 'repo', 'read:org']}}")
    }

    func testSecretsInDefaultsURLsAndFailingLines() throws {
        let (settings, _) = try readSettings("""
        import os
        SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "canary-default-secret-9e9e")
        DATABASE_URL = "postgres://app:canary-url-password-12ab@db/app"
        API_TOKEN = os.environ["PROCESS_SECRET"]
        EMAIL_HOST_PASSWORD = "canary-literal-secret-3d9f"
        DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "PASSWORD": os.environ["PROCESS_SECRET"], "NAME": "x"}}
        DATABASES["nope"]["PASSWORD"] = "canary-literal-secret-3d9f"
        BROKEN = ("canary-literal-secret-3d9f" +)
        """, environment: ["PROCESS_SECRET": "canary-process-env-66aa"], test: self)
        XCTAssertEqual(settings.value(of: "DATABASE_URL")?.description, "DATABASE_URL = 'postgres://app:***@db/app' (settings.py:3)")
        XCTAssertEqual(settings.value(of: "SECRET_KEY")?.description,
                       "SECRET_KEY = $DJANGO_SECRET_KEY (unset; default <redacted>) (settings.py:2)")
        XCTAssertEqual(settings.value(of: "API_TOKEN")?.description, "API_TOKEN = $PROCESS_SECRET (set) (settings.py:4)")
        guard case .postgres(let parameters) = try settings.databaseLocation() else { return XCTFail("expected PostgreSQL") }
        XCTAssertEqual(parameters.password, "canary-process-env-66aa")
        XCTAssertEqual(settings.diagnostics.count, 2)
        assertNoCanary(everything(settings) + [String(describing: parameters), String(reflecting: parameters)])
    }
}
