import AuthCore
#if canImport(Glibc)
import Glibc
#endif

/// Exit statuses, as documented in the README.
enum ExitStatus {
    static let ok: Int32 = 0
    static let failure: Int32 = 1
    static let usage: Int32 = 64
}

enum CommandLineInterface {
    static let version = "0.1.0"

    struct Command {
        let spec: CommandSpec
        let maxPositionals: Int
        let run: (CommandContext) throws -> Void
    }

    static let commands: [Command] = [
        Command(spec: StatsCommand.spec, maxPositionals: 0, run: StatsCommand.run),
        Command(spec: AccountsCommand.spec, maxPositionals: 0, run: AccountsCommand.run),
        Command(spec: UserCommand.spec, maxPositionals: 1, run: UserCommand.run),
        Command(spec: DemoCommand.spec, maxPositionals: 0, run: DemoCommand.run),
        Command(spec: ProvidersCommand.spec, maxPositionals: 0, run: ProvidersCommand.run),
        Command(spec: SnippetCommand.spec, maxPositionals: 1, run: SnippetCommand.run),
        Command(spec: DoctorCommand.spec, maxPositionals: 0, run: DoctorCommand.run),
        Command(spec: ConsoleCommand.spec, maxPositionals: 0, run: ConsoleCommand.run),
        Command(spec: BenchCommand.spec, maxPositionals: 0, run: BenchCommand.run),
    ]

    /// Runs one command line and returns the exit status. Every error ends here as one line on
    /// stderr.
    static func run(_ arguments: [String]) -> Int32 {
        if arguments.first == "--version" || arguments.first == "-V" {
            StandardOutput.write("authconsole \(version)\n")
            return ExitStatus.ok
        }
        let (name, rest) = splitCommand(arguments)
        guard let command = name.map({ n in commands.first { $0.spec.name == n } }) ?? defaultCommand else {
            let unknown = UntrustedText.sanitized(name ?? "")
            StandardOutput.error("unknown command \(unknown): the commands are \(commands.map(\.spec.name).joined(separator: ", ")); see `authconsole --help`")
            return ExitStatus.usage
        }
        do {
            let parsed = try ArgumentParser.parse(rest, options: command.spec.options + GlobalOptions.specs,
                                                  maxPositionals: command.maxPositionals, command: command.spec.name)
            if parsed.wantsHelp {
                StandardOutput.write(name == nil ? mainHelp() : command.spec.help(program: "authconsole", globals: GlobalOptions.specs))
                return ExitStatus.ok
            }
            let env = ProcessInfoEnvironment.current()
            try command.run(CommandContext(arguments: parsed, environment: env, currentFolder: currentDirectory()))
            return ExitStatus.ok
        } catch let e as UsageError {
            StandardOutput.error(e.message)
            return ExitStatus.usage
        } catch let e as UserFacingError {
            StandardOutput.error(e.message)
            return ExitStatus.failure
        } catch {
            StandardOutput.error("unexpected error: \(UntrustedText.sanitized(String(describing: error)))")
            return ExitStatus.failure
        }
    }

    /// With no subcommand: the console when stdin and stdout are terminals, the dashboard
    /// figures (`stats`, whose options it takes) otherwise.
    static let defaultCommand: Command? = Command(
        spec: CommandSpec(name: "", summary: "", positionals: [], options: StatsCommand.spec.options),
        maxPositionals: 0, run: ConsoleCommand.runDefault)

    /// The subcommand is the first word that is not an option or a global option's value.
    static func splitCommand(_ arguments: [String]) -> (String?, [String]) {
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            if a == "--" { break }
            if a.hasPrefix("-") {
                if !a.contains("="), let spec = GlobalOptions.specs.first(where: { $0.name == a }), spec.valueName != nil { i += 1 }
                i += 1
                continue
            }
            var rest = arguments
            rest.remove(at: i)
            return (a, rest)
        }
        return (nil, arguments)
    }

    static func mainHelp() -> String {
        var out = """
            authconsole \(version): a terminal admin console for Django sites that use django-allauth.

            Usage: authconsole [global options] [COMMAND] [options]

            With no command it opens the console on the site's database (found from manage.py in
            the current folder, or given with --db); when not on a terminal it prints the dashboard
            figures instead, as `stats` does. The database is only ever read.

            Commands:

            """
        for c in commands { out += CommandSpec.row(c.spec.name, c.spec.summary) + "\n" }
        out += "\nGlobal options:\n"
        for o in GlobalOptions.specs { out += CommandSpec.row(o.usage, o.help) + "\n" }
        out += CommandSpec.row("--version", "print the version") + "\n"
        out += "\nRun `authconsole COMMAND --help` for a command's options. Exit status: 0 ok, 1 error, 64 usage error.\n"
        return out
    }

    static func currentDirectory() -> String {
        var buf = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buf, buf.count) != nil else { return "." }
        return String(cString: buf)
    }
}

enum ProcessInfoEnvironment {
    static func current() -> [String: String] {
        var env: [String: String] = [:]
        var p = environ
        while let entry = p.pointee {
            let s = String(cString: entry)
            if let eq = s.firstIndex(of: "=") { env[String(s[..<eq])] = String(s[s.index(after: eq)...]) }
            p += 1
        }
        return env
    }
}
