import AuthCore

enum ProvidersCommand {
    static let spec = CommandSpec(
        name: "providers",
        summary: "Every OAuth provider app: where it is configured, its status, callback and login URLs, masked client ID, secret state, scopes, problems and usage.",
        positionals: [],
        options: [
            OptionSpec(name: "--format", valueName: "FORMAT", help: "table (default) or json", allowed: ["table", "json"]),
        ],
        discussion: """
            Merges SOCIALACCOUNT_PROVIDERS from the settings (read without running Python; or --providers-json FILE),
            the database's social apps and sites (read-only), and the allauth URL prefix from the root urls.py.
            Works without a database (settings only) and without a project (database apps only). Secrets are never
            shown: only "set (N chars)", "empty", "missing" or "from $NAME (unset)".
            """)

    static func run(_ ctx: CommandContext) throws {
        let loaded = try ProviderReportLoader.load(ctx, requireSource: true)
        switch ctx.format() {
        case "json":
            for note in loaded.report.notes { StandardOutput.error("note: " + UntrustedText.sanitized(note)) }
            StandardOutput.write(json(loaded.report.entries, databaseRead: loaded.databaseRead).serialized() + "\n")
        default:
            StandardOutput.write(loaded.header + table(loaded.report, databaseRead: loaded.databaseRead))
        }
    }

    /// The script-facing list; key names are part of the interface.
    static func json(_ entries: [ProviderEntry], databaseRead: Bool) -> JSONValue {
        .array(entries.map { e in
            .object([
                ("id", .string(e.id)),
                ("provider", .string(e.provider)),
                ("name", .string(e.name)),
                ("label", .string(e.label)),
                ("source", .string(e.source)),
                ("status", .string(e.status.rawValue)),
                ("callback_url", .string(e.callbackURL)),
                ("login_url", .string(e.loginURL)),
                ("client_id_masked", .string(e.clientIDMasked)),
                ("secret", .string(e.secret.keyword)),
                ("scopes", .array(e.scopes.map { .string($0) })),
                ("warnings", .array(e.warnings.map { w in
                    .object([("code", .string(w.code)), ("severity", .string(w.severity.rawValue)), ("message", .string(w.message))])
                })),
                ("account_count", databaseRead ? .int(e.usage?.accountCount ?? 0) : .null),
                // Same meaning as in `stats`: distinct users of the provider by the user's last_login.
                ("active_users_30d", databaseRead ? .int(e.usage.map { $0.activeUsers30d } ?? 0) : .null),
                ("provider_logins_30d", databaseRead ? .int(e.usage?.providerLogins30d ?? 0) : .null),
                ("last_linked", .date(e.usage?.lastLinked)),
            ])
        })
    }

    static func table(_ report: ProviderConfigurationReport, databaseRead: Bool) -> String {
        guard !report.entries.isEmpty else {
            return "\nNo provider is configured or installed.\n" + notes(report)
        }
        func n(_ v: Int?) -> String { databaseRead ? String(v ?? 0) : "n/a" }
        var t = TextTable([.init(title: "ID", maxWidth: 24), .init(title: "PROVIDER", maxWidth: 16), .init(title: "STATUS"),
                           .init(title: "SECRET", maxWidth: 44), .init(title: "CLIENT ID", maxWidth: 36),
                           .init(title: "ACCOUNTS", alignRight: true), .init(title: "ACTIVE 30D", alignRight: true),
                           .init(title: "LOGINS 30D", alignRight: true),
                           .init(title: "LAST LINKED", maxWidth: 20)])
        for e in report.entries {
            t.add([e.id, e.provider, e.status.rawValue, e.secret.description, e.clientIDMasked, n(e.usage?.accountCount),
                   n(e.usage?.activeUsers30d ?? nil), n(e.usage?.providerLogins30d), e.usage?.lastLinked?.iso8601Seconds])
        }
        var out = "\n" + t.render()
        for e in report.entries {
            out += "\n" + UntrustedText.sanitized("\(e.id) (\(e.label)\(e.name != e.label ? ": " + e.name : "")): \(e.status.rawValue)") + "\n"
            out += line("source", e.source)
            out += line("callback", e.callbackURL ?? "none (see notes)")
            out += line("login", e.loginURL ?? "none")
            out += line("scopes", e.scopes.isEmpty ? "(none)" : e.scopes.joined(separator: " "))
            if !e.recommendedScopes.isEmpty && e.recommendedScopes != e.scopes {
                out += line("recommended", e.recommendedScopes.joined(separator: " "))
            }
            if let console = e.developerConsoleURL { out += line("register at", console) }
            for w in e.warnings { out += line(w.severity.rawValue, w.message + "; fix: " + w.fix) }
            for note in e.urlNotes { out += line("url note", note) }
        }
        return out + notes(report)
    }

    static func line(_ label: String, _ value: String) -> String {
        "  " + label.padding(toLength: max(label.count, 12), withPad: " ", startingAt: 0) + " " + UntrustedText.sanitized(value) + "\n"
    }

    static func notes(_ report: ProviderConfigurationReport) -> String {
        var out = ""
        for note in report.urls.notes + report.notes { out += "\nnote: " + UntrustedText.sanitized(note) }
        return out.isEmpty ? "" : out + "\n"
    }
}

/// Reads what the provider commands need: the settings (when there is a project), the database
/// (when one is found), the usage, and builds the report. Each source may be missing; what was
/// not read is said in the report's notes.
enum ProviderReportLoader {
    struct Loaded {
        let report: ProviderConfigurationReport
        let databaseRead: Bool
        /// "Project ... / Database ..." lines for people.
        let header: String
        /// The database when it was read (doctor checks its indexes).
        var store: AuthStore? = nil
    }

    /// Full usage runs the dashboard's per-provider figures; counts only is one index scan,
    /// enough for the orphaned-accounts check (doctor, snippet, the console's own figures).
    enum Usage { case full, countsOnly }

    static func load(_ ctx: CommandContext, requireSource: Bool, usage usageDetail: Usage = .full) throws -> Loaded {
        var baseURL: SiteAddress?
        if let text = ctx.arguments.value("--base-url") {
            guard let parsed = SiteAddress.parse(baseURL: text) else {
                throw UsageError(message: "--base-url takes the site's public address such as https://www.example.com (scheme and host, no path), not \(UntrustedText.sanitized(text))")
            }
            baseURL = parsed
        }
        var providersJSON: ProvidersJSON?
        if let path = ctx.arguments.value("--providers-json") {
            let absolute = path.hasPrefix("/") ? path : ctx.currentFolder + "/" + path
            providersJSON = try ProvidersJSON.read(path: absolute, displayName: path)
        }

        var settings: DjangoSettings?
        var settingsProblem: String?
        let settingsOption = ctx.arguments.value("--settings")
        let explicitDatabase = ctx.arguments.value("--db") != nil || ctx.arguments.flag("--demo") || !(ctx.environment["DATABASE_URL"] ?? "").isEmpty
        do {
            // The demo database belongs to no project; an explicit database only goes with the
            // project the operator stands in (manage.py here or above), never a subfolder's guess.
            if ctx.arguments.flag("--demo") && settingsOption == nil { throw SettingsError.manageFileNotFound(searchedFrom: ctx.currentFolder) }
            settings = try ProjectSettings.load(currentFolder: ctx.currentFolder, settingsFile: settingsOption, environment: ctx.environment,
                                                searchSubfolders: !explicitDatabase)
        } catch SettingsError.manageFileNotFound {
            settingsProblem = "no Django project (manage.py) found in \(ctx.currentFolder) or its parent folders"
        } catch let error as UserFacingError {
            if settingsOption != nil { throw error }
            settingsProblem = error.message
        }

        var store: AuthStore?
        var databaseProblem: String?
        if explicitDatabase || settings != nil {
            do {
                store = try ctx.openStore()
            } catch let error as UserFacingError {
                if explicitDatabase { throw error }
                databaseProblem = error.message
            }
        } else {
            databaseProblem = "no --db, DATABASE_URL or project settings to find it from"
        }
        if requireSource && settings == nil && store == nil && providersJSON == nil {
            throw ProviderSourceError.nothingToRead(settingsProblem ?? "no settings")
        }

        var database: DatabaseProviderConfig?
        var usage: [ProviderUsage] = []
        if let store {
            do {
                database = try store.databaseProviderConfig()
                switch usageDetail {
                case .full: usage = try store.providerUsage(now: try ctx.now())  // the per-provider figures alone, not the whole dashboard
                case .countsOnly: usage = try store.accountCountsByProvider()
                }
            } catch let error as UsageError {
                throw error
            } catch let error as UserFacingError {
                databaseProblem = error.message
                database = nil
            }
        }
        let report = ProviderConfigurationBuilder.build(ProviderConfigurationInput(
            settings: settings, settingsProblem: settingsProblem, database: database, databaseProblem: databaseProblem,
            providersJSON: providersJSON, baseURL: baseURL, usage: usage))
        func row(_ label: String, _ value: String) -> String { label + UntrustedText.sanitized(value) + "\n" }
        var header = ""
        if let settings {
            header += row("Settings   ", "\(settings.settingsModule) (\(settings.settingsFileDisplayPath) in \(settings.rootFolder.path))")
        } else {
            header += row("Settings   ", "not read: \(settingsProblem ?? "none")")
        }
        if let store, database != nil {
            header += row("Database   ", "\(store.displayName) (read-only)")
        } else {
            header += row("Database   ", "not read (settings only): \(databaseProblem ?? "none")")
        }
        if let json = providersJSON { header += row("Providers  ", "from \(json.displayName)") }
        if let site = report.site {
            header += row("Site       ", "\(site.origin) (host from \(site.hostSource), scheme from \(site.schemeSource))")
        } else {
            header += row("Site       ", "unknown: URLs are paths; pass --base-url https://your.site")
        }
        return Loaded(report: report, databaseRead: database != nil, header: header, store: database != nil ? store : nil)
    }
}

enum ProviderSourceError: UserFacingError {
    case nothingToRead(String)

    var message: String {
        switch self {
        case .nothingToRead(let why):
            return "nothing to read: \(why), and no database: run inside the Django project folder, or pass --settings PATH, --db PATH or --providers-json FILE"
        }
    }
}
