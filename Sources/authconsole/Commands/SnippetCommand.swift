import AuthCore

enum SnippetCommand {
    static let spec = CommandSpec(
        name: "snippet",
        summary: "A SOCIALACCOUNT_PROVIDERS entry (credentials read with os.getenv), a .env template, and the redirect URI to register.",
        positionals: [("PROVIDER", "a provider id (github, google, ...) or the provider_id of a configured OIDC/SAML app")],
        options: [
            OptionSpec(name: "--all", valueName: nil, help: "every app and installed provider of the project"),
            OptionSpec(name: "--format", valueName: "FORMAT", help: "settings (default), env or json", allowed: ["settings", "env", "json"]),
            OptionSpec(name: "--out", valueName: "FILE", help: "write to FILE (created with mode 0600) instead of standard output"),
            OptionSpec(name: "--force", valueName: nil, help: "with --out, replace an existing file"),
        ],
        discussion: "The snippet never holds a credential: client IDs and secrets are os.getenv(\"NAME\", \"\") lookups.")

    static func run(_ ctx: CommandContext) throws {
        let all = ctx.arguments.flag("--all")
        let name = ctx.arguments.positionals.first
        if all == (name != nil) {
            throw UsageError(message: "give one PROVIDER (for example github) or --all", command: spec.name)
        }
        if ctx.arguments.flag("--force") && ctx.arguments.value("--out") == nil {
            throw UsageError(message: "--force only applies with --out FILE", command: spec.name)
        }
        let loaded = try ProviderReportLoader.load(ctx, requireSource: all, usage: .countsOnly)
        let requests: [SnippetRequest]
        if all {
            requests = loaded.report.snippetRequests
            if requests.isEmpty { throw SnippetError.nothingConfigured }
        } else if let name {
            guard let request = loaded.report.snippetRequest(for: name) else {
                if let replacement = ProviderCatalog.removed[name] {
                    throw UsageError(message: "allauth no longer has the \(UntrustedText.sanitized(name)) provider: use \(replacement)", command: spec.name)
                }
                throw UsageError(message: "unknown provider \(UntrustedText.sanitized(name)): give a provider id such as github or google, or the provider_id of a configured OIDC/SAML app (see `authconsole providers`)", command: spec.name)
            }
            requests = [request]
        } else {
            requests = []
        }
        let text: String
        switch ctx.arguments.value("--format") ?? "settings" {
        case "env": text = SettingsSnippet.envTemplate(requests)
        case "json": text = SettingsSnippet.json(requests, oidcPrefix: loaded.report.oidcPrefix).serialized() + "\n"
        default: text = SettingsSnippet.settings(requests, oidcPrefix: loaded.report.oidcPrefix)
        }
        if let out = ctx.arguments.value("--out") {
            let path = out.hasPrefix("/") ? out : ctx.currentFolder + "/" + out
            try SnippetFile.write(text, to: path, force: ctx.arguments.flag("--force"))
            StandardOutput.write("wrote \(UntrustedText.sanitized(out)) (mode 0600, \(requests.count) provider\(requests.count == 1 ? "" : "s"))\n")
        } else {
            StandardOutput.write(text)
        }
    }
}

enum SnippetError: UserFacingError {
    case nothingConfigured

    var message: String {
        "no provider app is configured or installed in this project: name one, for example `authconsole snippet github`"
    }
}
