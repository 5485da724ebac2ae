/// Eight-level bar characters for a series, scaled to its maximum (ASCII levels when asked).
public enum Sparkline {
    static let unicodeLevels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    static let asciiLevels: [Character] = ["_", ".", ",", "-", "=", "+", "*", "#"]

    public static func render(_ values: [Int], ascii: Bool = false) -> String {
        let levels = ascii ? asciiLevels : unicodeLevels
        let top = values.max() ?? 0
        return String(values.map { v -> Character in
            guard top > 0, v > 0 else { return ascii ? " " : " " }
            let i = min(levels.count - 1, (v * levels.count - 1) / top)
            return levels[max(0, i)]
        })
    }
}

public enum Percent {
    /// "65.0%", to one decimal.
    public static func format(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "0.0%" }
        let tenths = (part * 1000 + whole / 2) / whole
        return "\(tenths / 10).\(tenths % 10)%"
    }
}
