/// One option a command accepts. Options with a `valueName` take a value (`--db PATH` or
/// `--db=PATH`, and the value may start with `-`, as in `--sort -date_joined`); others are flags.
struct OptionSpec {
    let name: String
    let valueName: String?
    let help: String
    var allowed: [String]? = nil
}

/// A subcommand's declaration; parsing and `--help` are both generated from it.
struct CommandSpec {
    let name: String
    let summary: String
    let positionals: [(name: String, help: String)]
    let options: [OptionSpec]
    var discussion: String? = nil

    func help(program: String, globals: [OptionSpec]) -> String {
        var lines: [String] = []
        let posText = positionals.map { " " + $0.name }.joined()
        lines.append("Usage: \(program) \(name)\(options.isEmpty ? "" : " [options]")\(posText)")
        lines.append("")
        lines.append(summary)
        if let discussion { lines.append(""); lines.append(discussion) }
        if !positionals.isEmpty {
            lines.append("")
            lines.append("Arguments:")
            for p in positionals { lines.append(Self.row(p.name, p.help)) }
        }
        if !options.isEmpty {
            lines.append("")
            lines.append("Options:")
            for o in options { lines.append(Self.row(o.usage, o.help)) }
        }
        lines.append("")
        lines.append("Global options:")
        for o in globals { lines.append(Self.row(o.usage, o.help)) }
        return lines.joined(separator: "\n") + "\n"
    }

    static func row(_ left: String, _ right: String) -> String {
        let pad = max(1, 26 - left.count)
        return "  " + left + String(repeating: " ", count: pad) + right
    }
}

extension OptionSpec {
    var usage: String { valueName.map { "\(name) \($0)" } ?? name }
}
