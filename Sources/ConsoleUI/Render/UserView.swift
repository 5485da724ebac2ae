import AuthCore

/// A user opened from the accounts table: fields, groups, effective permissions, linked
/// accounts (one selected, its extra_data summarised) and email addresses.
enum UserView {
    struct Lines: Equatable {
        var lines: [StyledLine]
        /// The lines of the selected linked account.
        var selectedRange: Range<Int>?
    }

    static func draw(_ user: UserState, _ s: AppState, into b: inout ScreenBuffer) {
        let g = s.glyphs
        let top = Layout.contentTop(b.size)
        var title = StyledLine()
        title.append(" User #\(user.userID) ", .heading)
        if let d = user.detail.value {
            title.append(d.username ?? d.email ?? "", .bold)
        }
        b.put(line: title, x: 0, y: top, maxWidth: b.width - 24)
        guard let detail = user.detail.value else {
            let text = user.detail.error.map { "could not load the user: " + $0 } ?? "loading" + g.ellipsis
            b.put(text, x: 2, y: top + 2, style: user.detail.error == nil ? .dim : .error)
            return
        }
        let content = lines(detail, state: user, width: b.width, glyphs: g)
        let height = Layout.panelBodyHeight(b.size)
        let scroll = min(user.scroll, max(0, content.lines.count - height))
        for (i, line) in content.lines.dropFirst(scroll).prefix(height).enumerated() {
            b.put(line: line, x: 0, y: top + 1 + i, maxWidth: b.width)
        }
        let more = content.lines.count > scroll + height ? "\(g.descending) more (PgDn) " : ""
        let right = " " + more + "Esc back "
        b.put(right, x: b.width - DisplayWidth.of(right), y: top, style: .dim)
    }

    static func lines(_ d: UserDetail, state user: UserState, width: Int, glyphs g: Glyphs) -> Lines {
        var out: [StyledLine] = []
        let labelWidth = 16
        func field(_ label: String, _ value: String, _ style: Style = .plain) {
            out.append(StyledLine([Span("  " + label.padding(labelWidth), .dim), Span(value, style)]))
        }
        func heading(_ text: String, _ hint: String = "") {
            out.append(.empty)
            out.append(StyledLine([Span(text, .heading), Span(hint.isEmpty ? "" : "   " + hint, .dim)]))
        }

        out.append(StyledLine("Fields", .heading))
        field("id", String(d.id))
        if let u = d.username { field("username", u, .bold) }
        field("email", d.email ?? "—")
        var flags = StyledLine([Span("  " + "active".padding(labelWidth), .dim), Span(Format.yesNo(d.isActive), d.isActive == false ? .warning : .plain)])
        if d.isStaff != nil { flags.append("    staff ", .dim); flags.append(Format.yesNo(d.isStaff), d.isStaff == true ? .bold : .plain) }
        if d.isSuperuser != nil { flags.append("    superuser ", .dim); flags.append(Format.yesNo(d.isSuperuser), d.isSuperuser == true ? .warning : .plain) }
        out.append(flags)
        field("joined", Format.second(d.dateJoined))
        field("last login", d.lastLogin == nil ? "never" : Format.second(d.lastLogin))
        if let usable = d.hasUsablePassword {
            field("password", usable ? "usable (the hash is never shown)" : "unusable (social login only)")
        }
        for f in d.otherFields { field(f.name, f.value ?? "NULL", f.value == nil ? .dim : .plain) }

        heading("Groups (\(d.groups.count))")
        if d.groups.isEmpty {
            out.append(StyledLine("  none", .dim))
        } else {
            for part in Format.wrap(d.groups.joined(separator: ", "), width: max(10, width - 4)) { out.append(StyledLine("  " + part)) }
        }

        heading("Effective permissions (\(d.permissions.count))")
        if d.permissions.isEmpty {
            out.append(StyledLine(d.isActive == false ? "  none (the user is inactive)" : "  none", .dim))
        } else {
            for part in Format.wrap(d.permissions.joined(separator: "  "), width: max(10, width - 4)) { out.append(StyledLine("  " + part)) }
        }

        heading("Linked accounts (\(d.accounts.count))", d.accounts.isEmpty ? "" : "\(g.upDown) select \(g.dot) \(g.enter) extra_data")
        var selectedRange: Range<Int>?
        if d.accounts.isEmpty { out.append(StyledLine("  none", .dim)) }
        for (i, acct) in d.accounts.enumerated() {
            let start = out.count
            let selected = i == user.selectedAccount
            var line = StyledLine()
            line.append(selected ? g.pointer + " " : "  ", .bold)
            line.append(acct.provider.padding(12), .bold)
            line.append(" uid ", .dim)
            line.append(acct.uid)
            line.selected = selected
            out.append(line)
            out.append(StyledLine([Span("    linked ", .dim), Span(Format.minute(acct.dateJoined)), Span("   last login ", .dim),
                                   Span(Format.minute(acct.lastLogin)), Span(acct.hasToken ? "   token stored" : "", .dim)]))
            out.append(StyledLine([Span("    extra_data ", .dim), Span(acct.extraData.summary)]))
            if selected { selectedRange = start..<out.count }
        }

        heading("Email addresses (\(d.emails.count))")
        if d.emails.isEmpty { out.append(StyledLine("  none", .dim)) }
        for e in d.emails {
            var line = StyledLine("  " + e.email)
            line.append(e.verified ? "  verified" : "  unverified", e.verified ? .good : .warning)
            if e.primary { line.append("  primary", .bold) }
            out.append(line)
        }
        return Lines(lines: out, selectedRange: selectedRange)
    }
}
