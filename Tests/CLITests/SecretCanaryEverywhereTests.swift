import Foundation
import XCTest

/// A project whose every secret is a canary: SocialApp secrets and SocialToken tokens/secrets in
/// the database (the default fixture), inline APP secrets, SECRET_KEY and other settings in
/// settings.py, credentials in .env, a password in a database URL. Every command in every format
/// (and the files it writes, and the console's golden renders) must show none of them.
final class SecretCanaryEverywhereTests: XCTestCase {
    func makeProject() throws -> String {
        let dir = NSTemporaryDirectory() + "authconsole-canary-\(UUID().uuidString)"
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.copyItem(atPath: Projects.path("misconfigured_runnable"), toPath: dir)
        try FileManager.default.removeItem(atPath: dir + "/db.sqlite3")
        try FileManager.default.copyItem(atPath: CLI.db("default"), toPath: dir + "/db.sqlite3")
        let settings = dir + "/brokensite/settings.py"
        var text = try String(contentsOfFile: settings, encoding: .utf8)
        text += """

            SECRET_KEY = "CANARY-SETTINGS-secret-key"
            EMAIL_HOST_PASSWORD = "CANARY-SETTINGS-email-password"
            AWS_SECRET_ACCESS_KEY = os.getenv("AWS_SECRET_ACCESS_KEY", "CANARY-SETTINGS-default")
            INSTALLED_APPS += ["allauth.socialaccount.providers.openid_connect", "allauth.socialaccount.providers.gitlab",
                               "allauth.socialaccount.providers.apple"]
            SOCIALACCOUNT_PROVIDERS["apple"] = {"APP": {"client_id": "com.example.web", "secret": "CANARY-SETTINGS-apple-keyid",
                "key": "CANARY-SETTINGS-apple-team", "certificate_key": "-----BEGIN PRIVATE KEY-----\\nCANARY-SETTINGS-apple-pem\\n-----END PRIVATE KEY-----"}}
            SOCIALACCOUNT_PROVIDERS["gitlab"] = {"APP": {"client_id": "gl-client", "secret": "CANARY-SETTINGS-gitlab-inline", "key": "CANARY-SETTINGS-gitlab-key"}}
            SOCIALACCOUNT_PROVIDERS["openid_connect"] = {"APPS": [{"provider_id": "corp", "name": "Corp", "client_id": "corp-client",
                "secret": "CANARY-SETTINGS-oidc-inline", "settings": {"server_url": "https://id.example.test"}}]}

            """
        try text.write(toFile: settings, atomically: true, encoding: .utf8)
        let env = try String(contentsOfFile: dir + "/.env", encoding: .utf8)
        try (env + "\nAWS_SECRET_ACCESS_KEY=CANARY-DOTENV-aws\nDATABASE_PASSWORD=CANARY-DOTENV-db\n")
            .write(toFile: dir + "/.env", atomically: true, encoding: .utf8)
        // A database Apple app whose settings JSON holds a canary certificate_key (and no key, so
        // doctor reports it): only its length may be read.
        _ = try sqlite(dir + "/db.sqlite3", """
            INSERT INTO socialaccount_socialapp (provider, provider_id, name, client_id, secret, key, settings)
            VALUES ('apple', '', 'Apple (db)', 'com.example.db', 'CANARY-DB-apple-keyid', '',
                    '{"certificate_key": "-----BEGIN PRIVATE KEY-----\\nCANARY-DB-apple-pem\\n-----END PRIVATE KEY-----"}')
            """, readOnly: false)
        return dir
    }

    func testNoCanaryInAnyCommandFormatOrFile() throws {
        let project = try makeProject()
        // The canaries are really there to be leaked.
        let tokenUsers = try sqlite(project + "/db.sqlite3",
            "SELECT DISTINCT a.user_id FROM socialaccount_socialtoken t JOIN socialaccount_socialaccount a ON a.id = t.account_id WHERE t.token LIKE '%CANARY%' OR t.token_secret LIKE '%CANARY%' ORDER BY 1 LIMIT 8")
        XCTAssertGreaterThan(tokenUsers.count, 3)
        XCTAssertEqual(try sqlite(project + "/db.sqlite3", "SELECT count(*) FROM socialaccount_socialapp WHERE secret LIKE '%CANARY%'").first.flatMap { Int($0) } ?? 0 > 0, true)
        XCTAssertEqual(try sqlite(project + "/db.sqlite3", "SELECT count(*) FROM socialaccount_socialapp WHERE settings LIKE '%CANARY-DB-apple-pem%'"), ["1"])
        // The Apple apps are really checked (the settings one has its certificate_key in APP, the
        // database one has no key), so the canaries pass through the new findings.
        let doctor = try CLI.run(["doctor", "--format", "json"], cwd: project)
        XCTAssertTrue(doctor.stdout.contains("apple-certificate-key-in-app"), doctor.stdout)
        XCTAssertTrue(doctor.stdout.contains("apple-key-missing"), doctor.stdout)

        var commands: [[String]] = [[], ["console"], ["--help"]]
        for format in ["table", "json", "csv"] {
            commands.append(["stats", "--format", format])
            commands.append(["accounts", "--format", format, "--page-size", "1000"])
            commands.append(["accounts", "--format", format, "--search", "e", "--sort", "-email"])
            for user in tokenUsers + ["1", "nobody"] { commands.append(["user", user, "--format", format]) }
        }
        for format in ["table", "json"] { commands.append(["providers", "--format", format]) }
        for format in ["text", "json"] { commands.append(["doctor", "--format", format]) }
        for format in ["settings", "env", "json"] {
            commands.append(["snippet", "--all", "--format", format])
            for provider in ["github", "google", "gitlab", "corp", "keycloak", "microsoft", "facebook", "apple"] {
                commands.append(["snippet", provider, "--format", format])
            }
        }
        var files: [String] = []
        for (i, format) in ["settings", "env", "json"].enumerated() {
            let out = project + "/out-\(i)"
            files.append(out)
            commands.append(["snippet", "--all", "--format", format, "--out", out])
        }
        var runs = 0
        for command in commands {
            for global in [[], ["--base-url", "https://console.example.test"]] {
                let r = try CLI.run(global + command, cwd: project)
                runs += 1
                let label = (global + command).joined(separator: " ")
                XCTAssertFalse(r.stdout.contains("CANARY"), "\(label): stdout")
                XCTAssertFalse(r.stderr.contains("CANARY"), "\(label): stderr")
                XCTAssertFalse(r.stdout.isEmpty && r.stderr.isEmpty, "\(label): said something")
                for f in files where FileManager.default.fileExists(atPath: f) {
                    XCTAssertFalse(try String(decoding: Data(contentsOf: URL(fileURLWithPath: f)), as: UTF8.self).contains("CANARY"), "\(label): \(f)")
                    try FileManager.default.removeItem(atPath: f)
                }
            }
        }
        // Database URLs with a canary password: the error names the database, never the password.
        for url in ["postgres://admin:CANARY-URL-pg@127.0.0.1:1/site", "postgresql://admin:CANARY-URL-pg@/site?host=/nonexistent",
                    "sqlite:////nonexistent/CANARY-is-a-path-not-a-secret.sqlite3"] {
            let r = try CLI.run(["--db", url, "stats"], cwd: project)
            runs += 1
            XCTAssertEqual(r.status, 1, url)
            if url.hasPrefix("postgres") {
                XCTAssertFalse((r.stdout + r.stderr).contains("CANARY"), "\(url): \(r.stderr)")
            }
        }
        print("secret canaries: \(runs) runs, none leaked")
    }

    /// The console's golden renders come from the canary fixtures (tokens and app secrets in the
    /// database, .env and settings canaries in the projects): none may show one.
    func testNoCanaryInConsoleGoldenRenders() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("ConsoleUITests/Snapshots").path
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
        XCTAssertGreaterThan(names.count, 20)
        for name in names {
            let text = try String(decoding: Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)), as: UTF8.self)
            XCTAssertFalse(text.contains("CANARY"), name)
        }
    }

    func sqlite(_ db: String, _ sql: String, readOnly: Bool = true) throws -> [String] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        p.arguments = (readOnly ? ["-readonly"] : []) + [db, sql]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }
}
