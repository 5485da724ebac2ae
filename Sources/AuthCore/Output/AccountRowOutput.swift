/// How an accounts row is written for scripts, in one place for the CLI and the console's export.
extension AccountRow {
    public static let csvHeader = ["id", "user_id", "username", "email", "provider", "uid", "date_joined", "last_login"]

    public var csvCells: [String?] {
        [String(id), String(userID), username, email, provider, uid, dateJoined?.iso8601, lastLogin?.iso8601]
    }

    public var json: JSONValue {
        .object([("id", .int(id)), ("user_id", .int(userID)), ("username", .string(username)), ("email", .string(email)),
                 ("provider", .string(provider)), ("uid", .string(uid)), ("date_joined", .date(dateJoined)), ("last_login", .date(lastLogin))])
    }
}
