/// How an operator names a user on the command line: a number is an id, text with `@` an email
/// (case-insensitive, as allauth matches emails), anything else a username (exact).
public enum UserLookup: Equatable, Sendable {
    case id(Int64)
    case username(String)
    case email(String)

    public init(_ text: String) {
        if let id = Int64(text), id > 0 {
            self = .id(id)
        } else if text.contains("@") {
            self = .email(text)
        } else {
            self = .username(text)
        }
    }
}

public enum UserLookupError: UserFacingError, Equatable {
    case notFound(String)
    case ambiguous(String, ids: [Int64])

    public var message: String {
        switch self {
        case .notFound(let what):
            return "no user matches \(what): give an id, a username or an email (see `authconsole accounts --search`)"
        case .ambiguous(let what, let ids):
            return "\(what) matches \(ids.count) users (ids \(ids.map(String.init).joined(separator: ", "))): give the id instead"
        }
    }
}
