import AuthCore
import ConsoleUI
#if canImport(Glibc)
import Glibc
#endif

/// The interactive console: what `authconsole` opens when stdin and stdout are terminals.
enum ConsoleCommand {
    static let spec = CommandSpec(
        name: "console",
        summary: "The interactive console: dashboard, providers and social accounts (the default on a terminal).",
        positionals: [],
        options: [],
        discussion: "Keys: 1/2/3 or Tab switch screens, / searches, ? lists every key, q quits. Set NO_COLOR to turn colour off.")

    /// Monotonic time the process got here, for the start-to-paint measurement.
    static let startedAt = ConsoleUI.Stopwatch.nanoseconds()

    static func run(_ ctx: CommandContext) throws {
        let started = startedAt
        let now = ctx.arguments.value("--now") == nil ? nil : try ctx.now()
        let source = try DatabaseLocator.resolve(
            dbOption: ctx.arguments.value("--db"), demo: ctx.arguments.flag("--demo"),
            settingsOption: ctx.arguments.value("--settings"), environment: ctx.environment, currentFolder: ctx.currentFolder)
        let store = try AuthStore.open(source)
        let status = try Console.run(
            store: store,
            openStore: { try AuthStore.open(source) },
            options: Console.Options(now: now, environment: ctx.environment, loadProviders: { try providerConfiguration(ctx) },
                                     folder: ctx.currentFolder, startedAt: started))
        if status != 0 { exit(status) }
    }

    /// The same report `authconsole providers` prints, with a settings snippet per entry. Runs on
    /// the console's background lane with its own database connection.
    static func providerConfiguration(_ ctx: CommandContext) throws -> ProviderConfiguration {
        let report = try ProviderReportLoader.load(ctx, requireSource: false, usage: .countsOnly).report
        var snippets: [String: String] = [:]
        for entry in report.entries {
            if let request = report.snippetRequest(for: entry.id) {
                snippets[entry.id] = SettingsSnippet.settings([request], oidcPrefix: report.oidcPrefix)
            }
        }
        // Usage here is counts only; the screen takes the 30-day figures from the dashboard.
        return ProviderConfiguration(entries: report.entries.map { $0.withoutUsage }, findings: report.allFindings, snippets: snippets)
    }

    /// `authconsole` alone: the console on a terminal, the dashboard figures (`stats`) when
    /// piped or redirected, or when a `stats` option (`--format`, `--days`) asks for them.
    static func runDefault(_ ctx: CommandContext) throws {
        let wantsFigures = ctx.arguments.value("--format") != nil || ctx.arguments.value("--days") != nil
        if isatty(0) == 1 && isatty(1) == 1 && !wantsFigures {
            try run(ctx)
        } else {
            try StatsCommand.run(ctx)
        }
    }
}
