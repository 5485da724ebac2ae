/// What narrows the accounts table: Django `icontains` over username, email and uid (those the
/// schema has), and an exact provider id.
public struct AccountFilter: Equatable, Sendable {
    public var search: String?
    public var provider: String?

    public init(search: String? = nil, provider: String? = nil) {
        self.search = search
        self.provider = provider
    }

    /// An empty search is no search.
    public var effectiveSearch: String? {
        guard let s = search, !s.isEmpty else { return nil }
        return s
    }
}
