/// Every key the console answers to, grouped as the help screen lists them. The help screen is
/// generated from this table.
public enum KeyBindings {
    public struct Section: Equatable {
        public let title: String
        public let keys: [(keys: String, action: String)]

        public static func == (a: Section, b: Section) -> Bool {
            a.title == b.title && a.keys.map(\.keys) == b.keys.map(\.keys) && a.keys.map(\.action) == b.keys.map(\.action)
        }
    }

    public static func sections(_ g: Glyphs) -> [Section] {
        [
            Section(title: "Everywhere", keys: [
                ("1 2 3, Tab, Shift-Tab", "Dashboard, Providers, Social accounts"),
                ("?  F1", "this help (Esc closes it)"),
                ("r  Ctrl-R", "refresh from the database"),
                ("Esc", "go back, clear the search or filter, close a prompt"),
                ("q", "quit (closes help and prompts first)"),
                ("Ctrl-C", "quit, always"),
                ("x", "cancel a running export"),
            ]),
            Section(title: "Dashboard", keys: [
                ("j/k  \(g.upDown)", "select a configuration problem"),
                (g.enter, "open its provider"),
            ]),
            Section(title: "Providers", keys: [
                ("j/k  \(g.upDown)  g/G", "select a provider"),
                ("PgUp/PgDn  Ctrl-U/D", "scroll the detail"),
                ("y", "copy the callback URL (OSC 52)"),
                ("Y", "copy the settings snippet (OSC 52)"),
                ("w", "write the settings snippet to a new file (mode 0600)"),
                (g.enter, "its social accounts"),
            ]),
            Section(title: "Social accounts", keys: [
                ("/", "search username, email and uid as you type (Enter keeps, Esc clears)"),
                ("p", "filter by provider"),
                ("s  S", "next sort column, reverse the direction"),
                ("U E P I J L", "sort by username, email, provider, uid, joined, last login (again: reverse)"),
                ("j/k  \(g.upDown)", "select a row (moves to the next or previous page at the edge)"),
                ("PgUp/PgDn  Ctrl-U/D  Space", "previous / next page"),
                ("g  G  Home  End", "first / last page"),
                (":", "go to a page number"),
                (g.enter, "open the user"),
                ("e", "export the filtered view to CSV or JSON"),
            ]),
            Section(title: "User", keys: [
                ("j/k  \(g.upDown)", "select a linked account"),
                (g.enter, "view its extra_data (j/k, h/l, g/G scroll; Esc back)"),
                ("PgUp/PgDn", "scroll"),
                ("Esc", "back to the table"),
            ]),
        ]
    }
}
