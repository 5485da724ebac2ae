/// Python semantics over known values: truth, equality, ordering, membership and iteration.
/// Each returns nil when the answer depends on something unknown.
enum Semantics {
    static func truthiness(_ value: PythonValue) -> Bool? {
        guard let value = value.resolved else { return nil }
        switch value {
        case .string(let s): return !s.isEmpty
        case .int(let i): return i != 0
        case .float(let d): return d != 0
        case .bool(let b): return b
        case .none: return false
        case .list(let items), .tuple(let items), .set(let items): return !items.isEmpty
        case .dict(let entries): return !entries.isEmpty
        case .path: return true
        case .env, .reference, .dynamic: return nil
        }
    }

    static func integer(_ value: PythonValue) -> Int? {
        switch value {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        default: return nil
        }
    }

    static func double(_ value: PythonValue) -> Double? {
        switch value {
        case .float(let d): return d
        case .int(let i): return Double(i)
        case .bool(let b): return b ? 1 : 0
        default: return nil
        }
    }

    static func equal(_ lhs: PythonValue, _ rhs: PythonValue) -> Bool? {
        guard let a = lhs.resolved, let b = rhs.resolved else { return nil }
        switch (a, b) {
        case (.dynamic, _), (_, .dynamic), (.env, _), (_, .env): return nil
        case (.reference(let x), .reference(let y)): return x == y ? true : nil
        case (.reference, _), (_, .reference): return nil
        case (.string(let x), .string(let y)): return x == y
        case (.none, .none): return true
        case (.path(let x), .path(let y)): return PosixPath.pure(x) == PosixPath.pure(y)
        case (.list(let x), .list(let y)), (.tuple(let x), .tuple(let y)):
            guard x.count == y.count else { return false }
            return allEqual(zip(x, y).map { ($0, $1) })
        case (.set(let x), .set(let y)):
            guard x.count == y.count else { return false }
            guard x.count <= 1000 else { return nil }
            var unknown = false
            for item in x {
                switch contains(.set(y), item) {
                case false?: return false
                case nil: unknown = true
                case true?: continue
                }
            }
            return unknown ? nil : true
        case (.dict(let x), .dict(let y)):
            guard x.count == y.count else { return false }
            guard x.count <= 1000 else { return nil }
            var unknown = false
            for entry in x {
                guard let match = y.first(where: { equal($0.key, entry.key) == true }) else {
                    if y.contains(where: { equal($0.key, entry.key) == nil }) { unknown = true; continue }
                    return false
                }
                switch equal(match.value, entry.value) {
                case false?: return false
                case nil: unknown = true
                case true?: continue
                }
            }
            return unknown ? nil : true
        default:
            if let x = double(a), let y = double(b) { return x == y }
            return false
        }
    }

    private static func allEqual(_ pairs: [(PythonValue, PythonValue)]) -> Bool? {
        var unknown = false
        for (x, y) in pairs {
            switch equal(x, y) {
            case false?: return false
            case nil: unknown = true
            case true?: continue
            }
        }
        return unknown ? nil : true
    }

    /// -1, 0 or 1 as Python orders numbers, strings (by code point) and sequences.
    static func order(_ lhs: PythonValue, _ rhs: PythonValue) -> Int? {
        guard let a = lhs.resolved, let b = rhs.resolved else { return nil }
        switch (a, b) {
        case (.string(let x), .string(let y)):
            let xs = Array(x.unicodeScalars.map(\.value)), ys = Array(y.unicodeScalars.map(\.value))
            return xs == ys ? 0 : (xs.lexicographicallyPrecedes(ys) ? -1 : 1)
        case (.list(let x), .list(let y)), (.tuple(let x), .tuple(let y)):
            for (p, q) in zip(x, y) {
                guard let c = order(p, q) else { return nil }
                if c != 0 { return c }
            }
            return x.count == y.count ? 0 : (x.count < y.count ? -1 : 1)
        default:
            guard let x = double(a), let y = double(b) else { return nil }
            return x == y ? 0 : (x < y ? -1 : 1)
        }
    }

    /// `element in container`
    static func contains(_ container: PythonValue, _ element: PythonValue) -> Bool? {
        guard let haystack = container.resolved else { return nil }
        switch haystack {
        case .string(let text):
            guard case .string(let needle)? = element.resolved else { return nil }
            return needle.isEmpty || text.contains(needle)
        case .list(let items), .tuple(let items), .set(let items):
            var unknown = false
            for item in items {
                switch equal(item, element) {
                case true?: return true
                case nil: unknown = true
                case false?: continue
                }
            }
            return unknown ? nil : false
        case .dict(let entries):
            return contains(.list(entries.map(\.key)), element)
        default:
            return nil
        }
    }

    /// What `for x in value` would iterate over.
    static func elements(_ value: PythonValue, limit: Int) -> [PythonValue]? {
        guard let value = value.resolved else { return nil }
        switch value {
        case .list(let items), .tuple(let items), .set(let items): return items
        case .dict(let entries): return entries.map(\.key)
        case .string(let text):
            guard text.count <= limit else { return nil }
            return text.map { .string(String($0)) }
        default: return nil
        }
    }

    /// A set's items without duplicates, first occurrence kept. Scalars are hashed; other items
    /// are compared, and when there are too many of them to compare they are all kept.
    static func deduplicated(_ items: [PythonValue]) -> [PythonValue] {
        var seen = Set<String>()
        var others: [PythonValue] = []
        let othersCount = items.filter { DictionaryBuilder.hashKey($0) == nil }.count
        return items.filter { item in
            if let key = DictionaryBuilder.hashKey(item) { return seen.insert(key).inserted }
            if othersCount > 1000 { return true }
            if others.contains(where: { equal($0, item) == true }) { return false }
            others.append(item)
            return true
        }
    }
}
