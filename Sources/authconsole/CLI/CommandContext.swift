import AuthCore

/// What a running command needs: its parsed arguments and, on demand, the opened store.
struct CommandContext: Sendable {
    let arguments: ParsedArguments
    let environment: [String: String]
    let currentFolder: String

    func openStore() throws -> AuthStore {
        try AuthStore.open(try DatabaseLocator.resolve(
            dbOption: arguments.value("--db"),
            demo: arguments.flag("--demo"),
            settingsOption: arguments.value("--settings"),
            environment: environment,
            currentFolder: currentFolder))
    }

    func now() throws -> UTCDateTime { try GlobalOptions.now(arguments) }

    func format(default value: String = "table") -> String { arguments.value("--format") ?? value }

    func positiveInt(_ name: String, default value: Int, max upper: Int) throws -> Int {
        guard let text = arguments.value(name) else { return value }
        guard let n = Int(text), n >= 1, n <= upper else {
            throw UsageError(message: "\(name) takes a whole number from 1 to \(upper), not \(UntrustedText.sanitized(text))")
        }
        return n
    }
}
