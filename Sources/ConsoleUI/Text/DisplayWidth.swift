import CNCurses

/// Terminal column arithmetic for text that has already passed `UntrustedText.sanitized`.
/// Widths come from the C library's `wcwidth` (so they agree with what the terminal does in the
/// current locale); a character it cannot measure counts as one column.
public enum DisplayWidth {
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        if scalar.value < 0x7F { return scalar.value >= 0x20 ? 1 : 0 }
        let w = Int(cnc_wcwidth(scalar.value))
        return w < 0 ? 1 : w
    }

    public static func of(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + of($1) }
    }

    /// Cuts `text` to at most `width` columns, ending with `…` when anything was cut. Never
    /// splits a wide character or separates a combining mark from its base.
    public static func truncate(_ text: String, to width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if of(text) <= width { return text }
        let budget = width - of(ellipsis)
        var out = ""
        var used = 0
        for ch in text {
            let w = of(String(ch))
            if used + w > budget { break }
            out.append(ch)
            used += w
        }
        return out + ellipsis
    }

    /// Truncates then pads with spaces to exactly `width` columns.
    public static func fit(_ text: String, to width: Int, alignRight: Bool = false, ellipsis: String = "…") -> String {
        let cut = truncate(text, to: width, ellipsis: ellipsis)
        let gap = String(repeating: " ", count: max(0, width - of(cut)))
        return alignRight ? gap + cut : cut + gap
    }
}
