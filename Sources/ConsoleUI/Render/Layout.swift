/// Where things sit on the screen, shared by the renderer and the reducer (which needs page
/// and scroll sizes).
///
/// Row 0 is the tab bar, the last row the status bar and the one above it the key hints; the
/// screens draw in between.
public enum Layout {
    public static func contentTop(_ size: TerminalSize) -> Int { 1 }
    public static func contentHeight(_ size: TerminalSize) -> Int { max(1, size.height - 3) }

    /// Accounts: a filter line and the table header above the rows.
    public static func accountsPageSize(for size: TerminalSize) -> Int { max(1, size.height - 5) }

    /// A titled panel (user detail, extra_data viewer, provider detail): the body below the title.
    public static func panelBodyHeight(_ size: TerminalSize) -> Int { max(1, size.height - 4) }

    /// Providers side by side with their detail when wide enough, stacked otherwise.
    public static func providersSideBySide(_ size: TerminalSize) -> Bool { size.width >= 110 }

    public static func providerListWidth(_ size: TerminalSize) -> Int { min(44, max(30, size.width / 3)) }

    /// Rows the stacked Providers list takes (with its header).
    public static func providerListHeight(_ size: TerminalSize, rows: Int) -> Int {
        min(max(2, rows + 1), max(3, contentHeight(size) / 3))
    }

    public static func providerDetailHeight(_ size: TerminalSize, rows: Int) -> Int {
        providersSideBySide(size) ? contentHeight(size) - 1 : max(1, contentHeight(size) - providerListHeight(size, rows: rows) - 2)
    }

    public static func providerDetailWidth(_ size: TerminalSize) -> Int {
        providersSideBySide(size) ? size.width - providerListWidth(size) - 3 : size.width - 2
    }
}
