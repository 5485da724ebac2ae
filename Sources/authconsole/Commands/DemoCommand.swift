import AuthCore

enum DemoCommand {
    static let spec = CommandSpec(
        name: "demo",
        summary: "Write a demo SQLite database with Django + allauth's exact schema and synthetic users.",
        positionals: [],
        options: [
            OptionSpec(name: "--users", valueName: "N", help: "how many users (default 50000, at most 10000000)"),
            OptionSpec(name: "--out", valueName: "PATH", help: "where to write it (default: the cache folder, as --demo uses)"),
            OptionSpec(name: "--seed", valueName: "N", help: "random seed, for the same database again (default 1)"),
            OptionSpec(name: "--force", valueName: nil, help: "replace PATH if it exists"),
        ])

    static func run(_ ctx: CommandContext) throws {
        let users = try ctx.positiveInt("--users", default: DemoDatabase.defaultUsers, max: DemoDatabase.maxUsers)
        let seedText = ctx.arguments.value("--seed") ?? "1"
        guard let seed = UInt64(seedText) else { throw UsageError(message: "--seed takes a whole number, not \(UntrustedText.sanitized(seedText))") }
        let now = try ctx.now()
        let path: String
        if let out = ctx.arguments.value("--out") {
            path = out
        } else {
            let folder = DemoDatabase.cacheFolder(environment: ctx.environment)
            try DemoDatabase.makeFolders(folder)
            path = folder + "/demo-\(users).sqlite3"
        }
        let started = MonotonicClock.now()
        try DemoDatabase(users: users, seed: seed, now: now).write(to: path, overwrite: ctx.arguments.flag("--force")) { done in
            StandardOutput.error("… \(done) users written")
        }
        let seconds = MonotonicClock.seconds(since: started)
        StandardOutput.write("wrote \(UntrustedText.sanitized(path)): \(users) users in \(String(format: "%.1f", seconds)) s\nrun: authconsole --db \(UntrustedText.sanitized(path))\n")
    }
}
