import AuthCore

enum AccountsCommand {
    static let spec = CommandSpec(
        name: "accounts",
        summary: "Social accounts with their users: search, filter by provider, sort, page.",
        positionals: [],
        options: [
            OptionSpec(name: "--search", valueName: "TEXT", help: "case-insensitive substring of username, email or uid"),
            OptionSpec(name: "--provider", valueName: "ID", help: "only accounts of this provider (as stored: github, corp-sso, ...)"),
            OptionSpec(name: "--sort", valueName: "FIELD", help: "id, user_id, username, email, provider, uid, date_joined, last_login; prefix - for descending (default -date_joined)"),
            OptionSpec(name: "--page", valueName: "N", help: "page number, from 1 (default 1)"),
            OptionSpec(name: "--page-size", valueName: "K", help: "rows per page, 1 to 1000 (default 25)"),
            OptionSpec(name: "--no-count", valueName: nil, help: "skip counting all matches (count and num_pages become null)"),
            OptionSpec(name: "--format", valueName: "FORMAT", help: "table (default), json or csv", allowed: ["table", "json", "csv"]),
        ],
        discussion: "date_joined and last_login are the social account's: when it was linked and when it last signed in.")

    static func run(_ ctx: CommandContext) throws {
        let sortText = ctx.arguments.value("--sort") ?? AccountSort.default.description
        guard let sort = AccountSort(parsing: sortText) else {
            throw UsageError(message: "--sort takes one of \(AccountSortField.allCases.map(\.rawValue).joined(separator: ", ")) (with - for descending), not \(UntrustedText.sanitized(sortText))")
        }
        let pageNumber = try ctx.positiveInt("--page", default: 1, max: Int(Int32.max))
        let pageSize = try ctx.positiveInt("--page-size", default: 25, max: 1000)
        let filter = AccountFilter(search: ctx.arguments.value("--search"), provider: ctx.arguments.value("--provider"))
        let store = try ctx.openStore()
        guard store.schema.hasSocialAccounts else { throw SchemaError.noAllauth(database: store.displayName) }
        let pager = try store.accounts(filter: filter, sort: sort, pageSize: pageSize)
        let page = try pager.page(pageNumber)
        let count = ctx.arguments.flag("--no-count") ? nil : try pager.count()
        let pages = count.map { AccountPager.numberOfPages(count: $0, pageSize: pageSize) }
        if page.rows.isEmpty && pageNumber > 1 {
            throw PageOutOfRange(page: pageNumber, lastPage: pages)
        }
        switch ctx.format() {
        case "json":
            StandardOutput.write(JSONValue.object([
                ("count", .int(count)), ("num_pages", .int(pages)), ("page", .int(page.number)),
                ("page_size", .int(pageSize)), ("rows", .array(page.rows.map(\.json))),
            ]).serialized() + "\n")
        case "csv":
            var out = CSVWriter.line(AccountRow.csvHeader)
            for r in page.rows { out += CSVWriter.line(r.csvCells) }
            StandardOutput.write(out)
        default:
            var t = TextTable([.init(title: "ID", alignRight: true), .init(title: "USER", alignRight: true),
                               .init(title: "USERNAME", maxWidth: 24), .init(title: "EMAIL", maxWidth: 32),
                               .init(title: "PROVIDER", maxWidth: 16), .init(title: "UID", maxWidth: 24),
                               .init(title: "JOINED", maxWidth: 20), .init(title: "LAST LOGIN", maxWidth: 20)])
            for r in page.rows {
                t.add([String(r.id), String(r.userID), r.username, r.email, r.provider, r.uid, short(r.dateJoined), short(r.lastLogin)])
            }
            var out = t.render()
            let total = count.map { " of \($0)" } ?? ""
            out += page.rows.isEmpty ? "no accounts match\n" : "rows \(page.firstRowNumber)–\(page.lastRowNumber)\(total), page \(page.number)\(pages.map { " of \($0)" } ?? ""), sorted by \(sort)\n"
            StandardOutput.write(out)
        }
    }

    /// `2026-06-15 12:00` for people; scripts get full ISO 8601 from json/csv.
    static func short(_ d: UTCDateTime?) -> String? {
        guard let d else { return nil }
        return String(d.djangoSQLiteText.prefix(16))
    }
}

struct PageOutOfRange: UserFacingError {
    let page: Int
    let lastPage: Int?
    var message: String {
        "page \(page) is past the last page\(lastPage.map { " (\($0))" } ?? ""): pick a page from 1\(lastPage.map { " to \($0)" } ?? "")"
    }
}
