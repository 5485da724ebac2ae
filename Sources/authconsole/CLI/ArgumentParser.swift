import AuthCore

/// A usage mistake on the command line: exit status 64 (EX_USAGE).
struct UsageError: UserFacingError {
    let message: String
    var command: String? = nil
}

/// The parsed command line: option values by name (`--format` → "json"), flags, positionals.
struct ParsedArguments: Sendable {
    var values: [String: String] = [:]
    var flags: Set<String> = []
    var positionals: [String] = []
    var wantsHelp = false

    func value(_ name: String) -> String? { values[name] }
    func flag(_ name: String) -> Bool { flags.contains(name) }
}

enum ArgumentParser {
    /// Parses `arguments` against the command's options plus the global ones. Options may come
    /// before or after positionals; `--` ends option parsing.
    static func parse(_ arguments: [String], options: [OptionSpec], maxPositionals: Int, command: String) throws -> ParsedArguments {
        var result = ParsedArguments()
        var i = 0
        var optionsEnded = false
        while i < arguments.count {
            let arg = arguments[i]
            i += 1
            if optionsEnded || !arg.hasPrefix("-") || arg == "-" {
                result.positionals.append(arg)
                continue
            }
            if arg == "--" { optionsEnded = true; continue }
            if arg == "--help" || arg == "-h" { result.wantsHelp = true; continue }
            let name: String
            var inlineValue: String?
            if let eq = arg.firstIndex(of: "="), arg.hasPrefix("--") {
                name = String(arg[..<eq])
                inlineValue = String(arg[arg.index(after: eq)...])
            } else {
                name = arg
            }
            guard let spec = options.first(where: { $0.name == name }) else {
                throw UsageError(message: "unknown option \(name) for `\(invocation(command))`" + suggestion(name, options) + "; see `\(invocation(command)) --help`", command: command)
            }
            if spec.valueName == nil {
                if inlineValue != nil { throw UsageError(message: "\(name) takes no value", command: command) }
                result.flags.insert(name)
                continue
            }
            let value: String
            if let inlineValue {
                value = inlineValue
            } else {
                guard i < arguments.count else {
                    throw UsageError(message: "\(name) needs a value (\(spec.usage))", command: command)
                }
                value = arguments[i]
                i += 1
            }
            if let allowed = spec.allowed, !allowed.contains(value) {
                throw UsageError(message: "\(name) must be one of \(allowed.joined(separator: ", ")), not \(UntrustedText.sanitized(value))", command: command)
            }
            result.values[name] = value
        }
        if result.positionals.count > maxPositionals && !result.wantsHelp {
            let extra = UntrustedText.sanitized(result.positionals[maxPositionals])
            throw UsageError(message: "unexpected argument \(extra) for `\(invocation(command))`; see `\(invocation(command)) --help`", command: command)
        }
        return result
    }

    /// `authconsole stats`, or `authconsole` for the default command (which has no name).
    static func invocation(_ command: String) -> String {
        command.isEmpty ? "authconsole" : "authconsole \(command)"
    }

    /// "did you mean --search?" for a near miss.
    private static func suggestion(_ name: String, _ options: [OptionSpec]) -> String {
        let best = options.map { ($0.name, editDistance(name, $0.name)) }.min { $0.1 < $1.1 }
        guard let best, best.1 <= 2 else { return "" }
        return " (did you mean \(best.0)?)"
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var prev = Array(0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var cur = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(1, b.count) where !b.isEmpty {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            prev = cur
        }
        return a.isEmpty ? b.count : prev[b.count]
    }
}
