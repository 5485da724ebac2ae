import AuthCore

/// Which page to load next.
public enum PageTarget: Equatable, Sendable {
    case number(Int)
    case next(after: AccountPage)
    case previous(before: AccountPage)
}

/// Where the selection lands when a page arrives.
public enum SelectionIntent: Equatable, Sendable {
    case first, last, keep
    case row(Int)
}

/// One accounts query, as an effect carries it.
public struct AccountsRequest: Equatable, Sendable {
    public let filter: AccountFilter
    public let sort: AccountSort
    public let pageSize: Int
    public let target: PageTarget
    public let generation: Int
}

/// The Social accounts screen.
public struct AccountsState: Equatable {
    /// The search as typed; `appliedSearch` is what the current rows were queried with.
    public var searchText = ""
    public var searchEditing = false
    public var searchEdit = 0
    public var appliedSearch = ""
    public var provider: String?
    public var sort = AccountSort.default
    public var page: AccountPage?
    public var loading = false
    public var selection: SelectionIntent = .first
    public var selected = 0
    public var generation = 0
    /// The number of rows matching the filter; nil until the count arrives.
    public var count: Int?
    public var counting = false
    public var countGeneration = 0
    /// Asked for the last page before the count arrived.
    public var pendingLast = false
    public var pageSize = 1
    public var user: UserState?
    /// The first page has been asked for (after the dashboard, or on opening the screen).
    public var started = false

    public init() {}

    public var filter: AccountFilter {
        AccountFilter(search: appliedSearch.isEmpty ? nil : appliedSearch, provider: provider)
    }

    public var rows: [AccountRow] { page?.rows ?? [] }

    public var selectedRow: AccountRow? {
        let r = rows
        return selected >= 0 && selected < r.count ? r[selected] : nil
    }

    public var pageCount: Int? { count.map { AccountPager.numberOfPages(count: $0, pageSize: pageSize) } }
}
