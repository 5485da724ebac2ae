/// Shows enough of a client ID to recognise it, never enough to use it: at most the last four
/// characters (fewer for short IDs, none below four), plus public suffixes that identify the
/// issuer, plus the length.
public enum ClientIDMask {
    static let publicSuffixes = [".apps.googleusercontent.com"]

    public static func mask(_ clientID: String) -> String {
        guard !clientID.isEmpty else { return "empty" }
        var core = clientID
        var suffix = ""
        for s in publicSuffixes where clientID.hasSuffix(s) && clientID.count > s.count {
            core = String(clientID.dropLast(s.count))
            suffix = s
        }
        let shown: Int
        switch core.count {
        case 16...: shown = 4
        case 12..<16: shown = 3
        case 8..<12: shown = 2
        case 4..<8: shown = 1
        default: shown = 0
        }
        return "****" + String(core.suffix(shown)) + suffix + " (\(clientID.count) chars)"
    }
}
