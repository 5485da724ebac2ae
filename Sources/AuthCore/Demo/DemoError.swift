public enum DemoError: UserFacingError, Equatable {
    case exists(path: String)
    case cannotWrite(path: String, detail: String)
    case tooManyUsers(Int)

    public var message: String {
        switch self {
        case .exists(let p): return "\(p) already exists: choose another --out, or pass --force to replace it"
        case .cannotWrite(let p, let detail): return "cannot write the demo database \(p): \(detail)"
        case .tooManyUsers(let n): return "--users \(n) is more than the demo generator makes (at most 10,000,000)"
        }
    }
}
