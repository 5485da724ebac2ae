/// Reads one user's page. Permissions follow `ModelBackend.get_all_permissions`: none for an
/// inactive user, every permission for an active superuser, else the user's own plus those of
/// their groups.
struct UserDetailQuery {
    let db: DatabaseConnection
    let schema: DjangoSchema

    private var d: SQLDialect { db.dialect }
    private var users: UserTable { schema.userTable }

    func find(_ lookup: UserLookup) throws -> Int64 {
        let table = d.quote(users.name)
        let pk = d.quote(users.primaryKey)
        let rows: [DatabaseRow]
        let what: String
        switch lookup {
        case .id(let id):
            rows = try db.query("SELECT \(pk) FROM \(table) WHERE \(pk) = \(d.placeholder(1))", [.integer(id)])
            what = "id \(id)"
        case .username(let name):
            guard let col = users.username else {
                throw SchemaError.missingColumn(table: users.name, column: "username", feature: "finding a user by username")
            }
            rows = try db.query("SELECT \(pk) FROM \(table) WHERE \(d.quote(col)) = \(d.placeholder(1)) ORDER BY \(pk) LIMIT 11", [.text(name)])
            what = "username \(name)"
        case .email(let email):
            guard let col = users.email else {
                throw SchemaError.missingColumn(table: users.name, column: "email", feature: "finding a user by email")
            }
            rows = try db.query("SELECT \(pk) FROM \(table) WHERE UPPER(\(d.quote(col))) = UPPER(\(d.placeholder(1))) ORDER BY \(pk) LIMIT 11", [.text(email)])
            what = "email \(email)"
        }
        let ids = rows.compactMap { $0[0].int }
        guard let first = ids.first else { throw UserLookupError.notFound(what) }
        guard ids.count == 1 else { throw UserLookupError.ambiguous(what, ids: ids) }
        return first
    }

    func detail(id: Int64) throws -> UserDetail {
        try db.readTransaction {
            let columns = users.columns
            let select = columns.map { d.quote($0.name) }.joined(separator: ", ")
            guard let row = try db.queryOne("SELECT \(select) FROM \(d.quote(users.name)) WHERE \(d.quote(users.primaryKey)) = \(d.placeholder(1))", [.integer(id)]) else {
                throw UserLookupError.notFound("id \(id)")
            }
            var byName: [String: DatabaseValue] = [:]
            for (i, c) in columns.enumerated() { byName[c.name] = row[i] }
            let known: Set<String> = ["id", "password", "username", "email", "is_active", "is_staff", "is_superuser", "date_joined", "last_login", users.primaryKey]
            let other = columns.filter { !known.contains($0.name) }.map { (name: $0.name, value: byName[$0.name]?.string) }
            let isActive = users.isActive.flatMap { byName[$0]?.bool }
            let isSuperuser = users.isSuperuser.flatMap { byName[$0]?.bool }
            return UserDetail(
                id: id,
                username: users.username.flatMap { byName[$0]?.string },
                email: users.email.flatMap { byName[$0]?.string },
                isActive: isActive,
                isStaff: users.isStaff.flatMap { byName[$0]?.bool },
                isSuperuser: isSuperuser,
                dateJoined: users.dateJoined.flatMap { byName[$0]?.dateTime },
                lastLogin: users.lastLogin.flatMap { byName[$0]?.dateTime },
                hasUsablePassword: byName["password"]?.string.map { !$0.hasPrefix("!") && !$0.isEmpty },
                otherFields: other,
                groups: try groups(of: id),
                permissions: try permissions(of: id, isActive: isActive ?? true, isSuperuser: isSuperuser ?? false),
                accounts: try accounts(of: id),
                emails: try emails(of: id)
            )
        }
    }

    private func groups(of id: Int64) throws -> [String] {
        guard let link = schema.userGroups else { return [] }
        let sql = """
            SELECT g.name FROM \(d.quote(DjangoSchema.group)) g
            JOIN \(d.quote(link.name)) ug ON ug.\(d.quote(link.rightColumn)) = g.id
            WHERE ug.\(d.quote(link.leftColumn)) = \(d.placeholder(1))
            """
        return try db.query(sql, [.integer(id)]).compactMap { $0[0].string }.sorted(by: codepointOrder)
    }

    private func permissions(of id: Int64, isActive: Bool, isSuperuser: Bool) throws -> [String] {
        guard schema.hasPermissionCatalogue, isActive else { return [] }
        let name = d.concat(["ct.app_label", "'.'", "p.codename"])
        let base = "SELECT \(name) FROM \(d.quote(DjangoSchema.permission)) p JOIN \(d.quote(DjangoSchema.contentType)) ct ON ct.id = p.content_type_id"
        var result = Set<String>()
        if isSuperuser {
            for row in try db.query(base) { if let s = row[0].string { result.insert(s) } }
            return result.sorted(by: codepointOrder)
        }
        if let link = schema.userPermissions {
            let sql = base + " JOIN \(d.quote(link.name)) up ON up.\(d.quote(link.rightColumn)) = p.id WHERE up.\(d.quote(link.leftColumn)) = \(d.placeholder(1))"
            for row in try db.query(sql, [.integer(id)]) { if let s = row[0].string { result.insert(s) } }
        }
        if let groups = schema.userGroups, let gp = schema.groupPermissions {
            let sql = base + """
                 JOIN \(d.quote(gp.name)) gp ON gp.\(d.quote(gp.rightColumn)) = p.id
                 JOIN \(d.quote(groups.name)) ug ON ug.\(d.quote(groups.rightColumn)) = gp.\(d.quote(gp.leftColumn))
                 WHERE ug.\(d.quote(groups.leftColumn)) = \(d.placeholder(1))
                """
            for row in try db.query(sql, [.integer(id)]) { if let s = row[0].string { result.insert(s) } }
        }
        return result.sorted(by: codepointOrder)
    }

    private func accounts(of id: Int64) throws -> [LinkedAccount] {
        guard schema.hasSocialAccounts else { return [] }
        let token = schema.hasTokens
            ? "EXISTS (SELECT 1 FROM \(d.quote(DjangoSchema.socialToken)) t WHERE t.account_id = sa.id)"
            : "0"
        let sql = """
            SELECT sa.id, sa.provider, sa.uid, sa.date_joined, sa.last_login, sa.extra_data, \(token)
            FROM \(d.quote(DjangoSchema.socialAccount)) sa WHERE sa.user_id = \(d.placeholder(1)) ORDER BY sa.id
            """
        return try db.query(sql, [.integer(id)]).map { r in
            LinkedAccount(id: r[0].int ?? 0, provider: r[1].string ?? "", uid: r[2].string ?? "",
                          dateJoined: r[3].dateTime, lastLogin: r[4].dateTime,
                          extraData: ExtraDataSummary(json: r[5].string ?? "null"), hasToken: r[6].bool ?? false)
        }
    }

    private func emails(of id: Int64) throws -> [EmailAddressInfo] {
        guard schema.hasEmailAddresses else { return [] }
        let sql = "SELECT email, verified, \(d.quote("primary")) FROM \(d.quote(DjangoSchema.emailAddress)) WHERE user_id = \(d.placeholder(1)) ORDER BY id"
        return try db.query(sql, [.integer(id)]).map { r in
            EmailAddressInfo(email: r[0].string ?? "", verified: r[1].bool ?? false, primary: r[2].bool ?? false)
        }
    }
}

/// Python's default string order (by code point), which is what the oracle's `sorted()` uses.
func codepointOrder(_ a: String, _ b: String) -> Bool {
    a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
}
