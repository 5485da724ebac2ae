import AuthCore

/// Options every command accepts: where the data is, and the clock.
enum GlobalOptions {
    static let specs: [OptionSpec] = [
        OptionSpec(name: "--db", valueName: "PATH|URL", help: "the site's database: an SQLite file, sqlite:///path or postgres://user@host:port/dbname"),
        OptionSpec(name: "--settings", valueName: "PATH", help: "the Django settings file, when not found from manage.py"),
        OptionSpec(name: "--base-url", valueName: "URL", help: "the site's public URL, for callback URLs"),
        OptionSpec(name: "--providers-json", valueName: "FILE", help: "a JSON dump of settings.SOCIALACCOUNT_PROVIDERS, read instead of the settings"),
        OptionSpec(name: "--now", valueName: "ISO", help: "compute \"last 7/30 days\" as of this UTC time (2026-06-15T12:00:00Z)"),
        OptionSpec(name: "--demo", valueName: nil, help: "use a generated demo database (made on first use)"),
    ]

    static func now(_ args: ParsedArguments) throws -> UTCDateTime {
        guard let text = args.value("--now") else { return UTCDateTime.now() }
        guard let now = UTCDateTime(iso8601: text) else {
            throw UsageError(message: "--now takes an ISO 8601 UTC time such as 2026-06-15T12:00:00Z, not \(UntrustedText.sanitized(text))")
        }
        return now
    }
}
