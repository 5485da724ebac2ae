/// Builds a dict's entries with Python's rules (a repeated key replaces the value in place) in
/// linear time: scalar keys are found through a hash index, other keys by comparison.
struct DictionaryBuilder {
    private(set) var entries: [DictionaryEntry] = []
    private var index: [String: Int] = [:]

    init(_ initial: [DictionaryEntry] = []) {
        for entry in initial { set(entry.key, entry.value) }
    }

    mutating func set(_ key: PythonValue, _ value: PythonValue) {
        if let position = position(of: key) {
            entries[position].value = value
            return
        }
        if let hash = Self.hashKey(key) { index[hash] = entries.count }
        entries.append(DictionaryEntry(key: key, value: value))
    }

    mutating func merge(_ more: [DictionaryEntry]) {
        for entry in more { set(entry.key, entry.value) }
    }

    private func position(of key: PythonValue) -> Int? {
        if let hash = Self.hashKey(key) { return index[hash] }
        return entries.lastIndex { Semantics.equal($0.key, key) == true }
    }

    /// A text equal for keys Python considers equal (`1`, `1.0` and `True` alike), for scalars only.
    static func hashKey(_ key: PythonValue) -> String? {
        switch key {
        case .string(let text): return "s" + text
        case .int(let number): return "n\(number)"
        case .bool(let flag): return flag ? "n1" : "n0"
        case .float(let number):
            if number == number.rounded(), abs(number) < 9e18 { return "n\(Int(number))" }
            return "f\(number)"
        case .none: return "None"
        default: return nil
        }
    }
}
