import AuthCore

enum UserCommand {
    static let spec = CommandSpec(
        name: "user",
        summary: "One user: fields, groups, effective permissions, linked social accounts, email addresses.",
        positionals: [("ID|USERNAME|EMAIL", "a numeric id, an exact username, or an email (case-insensitive)")],
        options: [
            OptionSpec(name: "--format", valueName: "FORMAT", help: "table (default), json or csv", allowed: ["table", "json", "csv"]),
        ])

    static func run(_ ctx: CommandContext) throws {
        guard let who = ctx.arguments.positionals.first, !who.isEmpty else {
            throw UsageError(message: "`user` needs a user: authconsole user ID|USERNAME|EMAIL", command: "user")
        }
        let store = try ctx.openStore()
        let detail = try store.user(id: try store.findUser(UserLookup(who)))
        switch ctx.format() {
        case "json": StandardOutput.write(json(detail).serialized() + "\n")
        case "csv": StandardOutput.write(csv(detail))
        default: StandardOutput.write(text(detail))
        }
    }

    static func json(_ u: UserDetail) -> JSONValue {
        func b(_ v: Bool?) -> JSONValue { v.map { .bool($0) } ?? .null }
        return .object([
            ("id", .int(u.id)), ("username", .string(u.username)), ("email", .string(u.email)),
            ("is_active", b(u.isActive)), ("is_staff", b(u.isStaff)), ("is_superuser", b(u.isSuperuser)),
            ("date_joined", .date(u.dateJoined)), ("last_login", .date(u.lastLogin)),
            ("has_usable_password", b(u.hasUsablePassword)),
            ("other_fields", .object(u.otherFields.map { ($0.name, .string($0.value)) })),
            ("groups", .array(u.groups.map { .string($0) })),
            ("permissions", .array(u.permissions.map { .string($0) })),
            ("social_accounts", .array(u.accounts.map { a in
                .object([("id", .int(a.id)), ("provider", .string(a.provider)), ("uid", .string(a.uid)),
                         ("date_joined", .date(a.dateJoined)), ("last_login", .date(a.lastLogin)),
                         ("has_token", .bool(a.hasToken)), ("extra_data", .string(a.extraData.summary))])
            })),
            ("emails", .array(u.emails.map { .object([("email", .string($0.email)), ("verified", .bool($0.verified)), ("primary", .bool($0.primary))]) })),
        ])
    }

    static func csv(_ u: UserDetail) -> String {
        var out = CSVWriter.line(["section", "field", "value"])
        for (k, v) in fields(u) { out += CSVWriter.line(["user", k, v]) }
        for g in u.groups { out += CSVWriter.line(["group", "name", g]) }
        for p in u.permissions { out += CSVWriter.line(["permission", "codename", p]) }
        for a in u.accounts { out += CSVWriter.line(["social_account", a.provider, a.uid]) }
        for e in u.emails { out += CSVWriter.line(["email", e.email, (e.verified ? "verified" : "unverified") + (e.primary ? ",primary" : "")]) }
        return out
    }

    static func fields(_ u: UserDetail) -> [(String, String?)] {
        func yn(_ v: Bool?) -> String? { v.map { $0 ? "yes" : "no" } }
        var f: [(String, String?)] = [("id", String(u.id))]
        if u.username != nil { f.append(("username", u.username)) }
        f += [("email", u.email), ("active", yn(u.isActive)), ("staff", yn(u.isStaff)), ("superuser", yn(u.isSuperuser)),
              ("date_joined", u.dateJoined?.iso8601), ("last_login", u.lastLogin?.iso8601 ?? "never"),
              ("usable_password", yn(u.hasUsablePassword))]
        f += u.otherFields.map { ($0.name, $0.value) }
        return f
    }

    static func text(_ u: UserDetail) -> String {
        var out = ""
        for (k, v) in fields(u) {
            out += DisplayColumns.label(k) + UntrustedText.sanitized(v ?? "—") + "\n"
        }
        out += "\nGroups (\(u.groups.count)): " + (u.groups.isEmpty ? "none" : u.groups.map(UntrustedText.sanitized).joined(separator: ", ")) + "\n"
        out += "Permissions (\(u.permissions.count))" + (u.isSuperuser == true && u.isActive != false ? ", all as superuser" : u.isActive == false ? ", none while inactive" : "") + ":\n"
        for p in u.permissions.prefix(50) { out += "  " + UntrustedText.sanitized(p) + "\n" }
        if u.permissions.count > 50 { out += "  … and \(u.permissions.count - 50) more (--format json lists all)\n" }
        out += "\nSocial accounts (\(u.accounts.count)):\n"
        if u.accounts.isEmpty { out += "  none\n" }
        for a in u.accounts {
            out += "  #\(a.id) \(UntrustedText.sanitized(a.provider)) uid \(UntrustedText.sanitized(a.uid))"
            out += ", linked \(a.dateJoined?.iso8601 ?? "?"), last login \(a.lastLogin?.iso8601 ?? "?")"
            out += a.hasToken ? ", token stored\n" : "\n"
            out += "     extra_data: " + UntrustedText.sanitized(a.extraData.summary) + "\n"
        }
        out += "\nEmail addresses (\(u.emails.count)):\n"
        if u.emails.isEmpty { out += "  none\n" }
        for e in u.emails {
            out += "  " + UntrustedText.sanitized(e.email) + (e.verified ? "  verified" : "  unverified") + (e.primary ? "  primary" : "") + "\n"
        }
        return out
    }
}

enum DisplayColumns {
    static func label(_ text: String) -> String {
        text + String(repeating: " ", count: max(1, 17 - text.count))
    }
}
