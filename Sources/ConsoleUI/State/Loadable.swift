/// A value that arrives from a query: not asked yet, on its way, there, or failed.
public enum Loadable<Value: Equatable>: Equatable {
    case idle
    case loading(previous: Value?)
    case loaded(Value)
    case failed(String, previous: Value?)

    public var value: Value? {
        switch self {
        case .idle: return nil
        case .loading(let p): return p
        case .loaded(let v): return v
        case .failed(_, let p): return p
        }
    }

    public var isLoading: Bool { if case .loading = self { return true } else { return false } }

    public var error: String? { if case .failed(let m, _) = self { return m } else { return nil } }

    public var reloading: Loadable { .loading(previous: value) }
}
