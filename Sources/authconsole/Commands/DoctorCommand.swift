import AuthCore

enum DoctorCommand {
    static let spec = CommandSpec(
        name: "doctor",
        summary: "Checks the allauth setup: settings, urls.py, database apps and sites, migrations. Exit status 1 when an error is found.",
        positionals: [],
        options: [
            OptionSpec(name: "--format", valueName: "FORMAT", help: "text (default) or json", allowed: ["text", "json"]),
        ],
        discussion: "Each finding gives its severity, where it is (file:line or table), what goes wrong for users, and the fix.")

    static func run(_ ctx: CommandContext) throws {
        let loaded = try ProviderReportLoader.load(ctx, requireSource: true, usage: .countsOnly)
        // Indexes the console's budgets need (info only; a failed check is no finding).
        let indexFindings = loaded.store.map { (try? IndexAdvice.findings(store: $0)) ?? [] } ?? []
        let findings = loaded.report.allFindings + indexFindings
        switch ctx.arguments.value("--format") ?? "text" {
        case "json":
            StandardOutput.write(json(findings, report: loaded.report).serialized() + "\n")
        default:
            StandardOutput.write(loaded.header + text(findings, report: loaded.report))
        }
        let errors = findings.filter { $0.severity == .error }.count
        if errors > 0 { throw DoctorFailure(errors: errors) }
    }

    static func count(_ findings: [Finding], _ severity: Severity) -> Int { findings.filter { $0.severity == severity }.count }

    static func json(_ findings: [Finding], report: ProviderConfigurationReport) -> JSONValue {
        .object([
            ("errors", .int(count(findings, .error))),
            ("warnings", .int(count(findings, .warning))),
            ("infos", .int(count(findings, .info))),
            ("findings", .array(findings.map { f in
                .object([
                    ("code", .string(f.code)),
                    ("severity", .string(f.severity.rawValue)),
                    ("location", .string(f.location)),
                    ("provider", .string(f.providerID)),
                    ("message", .string(f.message)),
                    ("fix", .string(f.fix)),
                ])
            })),
            ("notes", .array((report.urls.notes + report.notes).map { .string($0) })),
        ])
    }

    static func text(_ findings: [Finding], report: ProviderConfigurationReport) -> String {
        var out = "\n"
        if findings.isEmpty { out += "No problems found.\n" }
        for f in findings {
            let head = f.severity.rawValue.uppercased().padding(toLength: 8, withPad: " ", startingAt: 0)
            out += head + UntrustedText.sanitized(f.code) + (f.providerID.map { " [\(UntrustedText.sanitized($0))]" } ?? "") + "\n"
            if let location = f.location { out += "        at:   " + UntrustedText.sanitized(location) + "\n" }
            out += "        what: " + UntrustedText.sanitized(f.message) + "\n"
            out += "        fix:  " + UntrustedText.sanitized(f.fix) + "\n\n"
        }
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        out += "\(plural(count(findings, .error), "error")), \(plural(count(findings, .warning), "warning")), \(plural(count(findings, .info), "note"))\n"
        for note in report.urls.notes + report.notes { out += "note: " + UntrustedText.sanitized(note) + "\n" }
        return out
    }
}

/// Ends `doctor` with exit status 1 after its report.
struct DoctorFailure: UserFacingError {
    let errors: Int
    var message: String { "doctor found \(errors) error\(errors == 1 ? "" : "s")" }
}
