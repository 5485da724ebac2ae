/// Bounds that keep reading a settings file cheap and safe whatever the file holds.
public struct SettingsReaderLimits: Sendable, Equatable {
    /// Largest settings (or manage.py) file read, in bytes.
    public var maxFileBytes: Int
    /// Deepest nesting of brackets, unary operators and indented blocks.
    public var maxNestingDepth: Int
    /// Tallest expression tree (long operator chains such as `a + b + c + ...`).
    public var maxExpressionHeight: Int
    /// Work units (expressions evaluated, values measured) spent on one project before giving up.
    public var maxEvaluationSteps: Int
    /// Deepest value (lists in dicts in lists ...) kept; deeper values become dynamic.
    public var maxValueDepth: Int
    /// Most elements (counted over the whole value) kept in one value; larger values become dynamic.
    public var maxValueElements: Int
    /// Longest string built by `*`, `+`, formatting; longer results become dynamic.
    public var maxStringLength: Int
    /// Most modules followed through imports.
    public var maxModules: Int
    /// Largest `.env` file read, in bytes.
    public var maxDotEnvBytes: Int

    public init(
        maxFileBytes: Int = 2 * 1024 * 1024,
        maxNestingDepth: Int = 100,
        maxExpressionHeight: Int = 400,
        maxEvaluationSteps: Int = 2_000_000,
        maxValueDepth: Int = 100,
        maxValueElements: Int = 100_000,
        maxStringLength: Int = 1_000_000,
        maxModules: Int = 200,
        maxDotEnvBytes: Int = 1024 * 1024
    ) {
        self.maxFileBytes = maxFileBytes
        self.maxNestingDepth = maxNestingDepth
        self.maxExpressionHeight = maxExpressionHeight
        self.maxEvaluationSteps = maxEvaluationSteps
        self.maxValueDepth = maxValueDepth
        self.maxValueElements = maxValueElements
        self.maxStringLength = maxStringLength
        self.maxModules = maxModules
        self.maxDotEnvBytes = maxDotEnvBytes
    }

    public static let standard = SettingsReaderLimits()
}
