/// Decides which names hold secrets, so that descriptions can hide their values. Over-hiding is
/// preferred to leaking: `KEY`, `*_KEY`, and names mentioning secret/password/token/... all count.
public enum SecretPolicy {
    private static let markers = [
        "secret", "password", "passwd", "pwd", "token", "private", "credential", "apikey", "api_key", "api-key",
        "signing", "salt", "dsn", "cert",
    ]

    /// True when a setting, dict key or environment variable with this name probably holds a secret.
    public static func isSensitive(name: String) -> Bool {
        let lower = name.lowercased()
        if markers.contains(where: { lower.contains($0) }) { return true }
        return lower == "key" || lower.hasSuffix("_key") || lower.hasSuffix("-key") || lower.hasSuffix(".key")
    }

    /// `scheme://user:password@host` with the password replaced by `***`.
    public static func maskingURLPassword(_ text: String) -> String {
        guard let schemeEnd = text.range(of: "://") else { return text }
        let rest = text[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard let at = authority.lastIndex(of: "@") else { return text }
        let userInfo = authority[..<at]
        guard let colon = userInfo.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(text[at...])
    }
}
