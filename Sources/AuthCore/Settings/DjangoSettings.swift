import Foundation

/// The result of reading a settings module: every module-level name with its value and
/// provenance, and what went wrong along the way. Never thrown away because of one problem.
public struct DjangoSettings: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public let rootFolder: URL
    public let settingsModule: String
    public let settingsFile: URL
    /// Module-level names (settings and helpers such as `BASE_DIR`, `os`) in first-binding order.
    public let settings: [SettingValue]
    public let diagnostics: [SettingsDiagnostic]
    /// Python files read, as display paths (relative to the root folder), in the order read.
    public let filesRead: [String]
    /// `.env` files consulted, as display paths.
    public let dotEnvFiles: [String]
    /// Set when the settings are class-based or set through `setattr`/`globals()`.
    public let unsupportedLayout: SettingsError?
    private let index: [String: Int]

    init(rootFolder: URL, settingsModule: String, settingsFile: URL, settings: [SettingValue], diagnostics: [SettingsDiagnostic],
         filesRead: [String], dotEnvFiles: [String], unsupportedLayout: SettingsError?) {
        self.rootFolder = rootFolder
        self.settingsModule = settingsModule
        self.settingsFile = settingsFile
        self.settings = settings
        self.diagnostics = diagnostics
        self.filesRead = filesRead
        self.dotEnvFiles = dotEnvFiles
        self.unsupportedLayout = unsupportedLayout
        var index: [String: Int] = [:]
        for (position, setting) in settings.enumerated() { index[setting.name] = position }
        self.index = index
    }

    /// A one-line summary; use `settings` (whose descriptions hide secrets) for the values.
    public var description: String {
        "settings \(settingsModule): \(settingNames.count) settings from \(filesRead.count) files, \(diagnostics.count) diagnostics"
    }

    public var debugDescription: String { description }

    /// The value bound to `name` at the end of the settings module, or nil when it is never set.
    public func value(of name: String) -> SettingValue? {
        index[name].map { settings[$0] }
    }

    /// Names Django treats as settings (upper case), in order.
    public var settingNames: [String] {
        settings.map(\.name).filter { name in name.first?.isLetter == true && name == name.uppercased() }
    }

    /// Display path of the settings file.
    public var settingsFileDisplayPath: String { SourceFile.displayPath(of: settingsFile, relativeTo: rootFolder) }
}
