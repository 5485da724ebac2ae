/// A module-level name after reading the settings: its value, where it was last assigned, where it
/// was changed afterwards, and whether it depends on a branch (`if`/`try`) the reader could not
/// decide from the files alone.
public struct SettingValue: Equatable, Sendable, CustomStringConvertible {
    public var name: String
    public var value: PythonValue
    /// The assignment that produced `value` (the last one wins, as in Python).
    public var location: SourceLocation
    /// Later statements that changed the value in place (`X["k"] = ...`, `X.append(...)`, `X += ...`).
    public var modifiedAt: [SourceLocation]
    /// True when the value depends on a condition or `try` outcome known only at run time (or on
    /// the environment): `value` is the most likely outcome and `variants` the others.
    public var isConditional: Bool
    /// Other values the setting may have (at most a few), excluding `value`.
    public var variants: [PythonValue]

    public init(name: String, value: PythonValue, location: SourceLocation, modifiedAt: [SourceLocation] = [],
                isConditional: Bool = false, variants: [PythonValue] = []) {
        self.name = name
        self.value = value
        self.location = location
        self.modifiedAt = modifiedAt
        self.isConditional = isConditional
        self.variants = variants
    }

    /// The value as text, hidden when the name looks secret (see `SecretPolicy`).
    public var valueDescription: String { value.describe(sensitive: SecretPolicy.isSensitive(name: name)) }

    /// The variants as text, hidden like `valueDescription`.
    public var variantDescriptions: [String] {
        variants.map { $0.describe(sensitive: SecretPolicy.isSensitive(name: name)) }
    }

    /// `NAME = value (file:line)`, with secrets hidden: values of secret-looking names are redacted.
    public var description: String {
        var text = "\(name) = \(valueDescription) (\(location)"
        if !modifiedAt.isEmpty { text += ", changed at \(modifiedAt.map(\.description).joined(separator: ", "))" }
        text += ")"
        if isConditional {
            text += variants.isEmpty ? " [conditional]" : " [conditional: \(variants.count + 1) variants]"
        }
        return text
    }
}

/// The names bound in one module while it is being evaluated, in first-binding order.
struct ModuleScope: Equatable {
    private(set) var bindings: [String: SettingValue] = [:]
    private(set) var order: [String] = []
    static let maxVariants = 8

    subscript(name: String) -> SettingValue? { bindings[name] }

    mutating func bind(_ setting: SettingValue) {
        if bindings[setting.name] == nil { order.append(setting.name) }
        bindings[setting.name] = setting
    }

    mutating func remove(_ name: String) {
        guard bindings.removeValue(forKey: name) != nil else { return }
        order.removeAll { $0 == name }
    }

    var settings: [SettingValue] { order.compactMap { bindings[$0] } }

    /// Joins the outcomes of branches: names that differ become conditional, keeping `primary`'s
    /// value (or the first alternative that has one) and the other values as variants.
    static func merge(primary: ModuleScope, alternatives: [ModuleScope]) -> ModuleScope {
        var result = primary
        var names = primary.order
        for alternative in alternatives {
            for name in alternative.order where primary.bindings[name] == nil && !names.contains(name) {
                names.append(name)
            }
        }
        for name in names {
            let candidates = ([primary] + alternatives).map { $0.bindings[name] }
            guard var chosen = candidates.compactMap({ $0 }).first else { continue }
            let allSame = candidates.allSatisfy { $0 == chosen }
            if allSame { continue }
            chosen.isConditional = true
            var variants = chosen.variants
            for candidate in candidates.dropFirst() {
                let others = candidate.map { [$0.value] + $0.variants } ?? []
                for value in others where value != chosen.value && !variants.contains(value) {
                    if variants.count < maxVariants { variants.append(value) }
                }
            }
            chosen.variants = variants
            result.bind(chosen)
        }
        return result
    }
}
