import AuthCore

/// A user opened from the accounts table.
public struct UserState: Equatable {
    public let userID: Int64
    /// The account row the user was opened from: its linked account starts selected.
    public let accountID: Int64
    public var detail: Loadable<UserDetail> = .idle
    public var generation: Int
    public var selectedAccount = 0
    public var scroll = 0
    public var viewer: ExtraDataViewer?

    public init(userID: Int64, accountID: Int64, generation: Int) {
        self.userID = userID
        self.accountID = accountID
        self.generation = generation
    }
}

/// The `extra_data` of one linked account, as lines to scroll through.
public struct ExtraDataViewer: Equatable {
    public let accountID: Int64
    public let provider: String
    public let summary: String
    public let lines: [String]
    public var top = 0
    public var left = 0

    public init(accountID: Int64, provider: String, summary: String, lines: [String]) {
        self.accountID = accountID
        self.provider = provider
        self.summary = summary
        self.lines = lines
    }
}
