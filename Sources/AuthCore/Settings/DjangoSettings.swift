import Foundation

/// The result of reading a settings module: every module-level name with its value and
/// provenance, and what went wrong along the way. Never thrown away because of one problem.
public struct DjangoSettings: Sendable {
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

    /// The value bound to `name` at the end of the settings module, or nil when it is never set.
    public func value(of name: String) -> SettingValue? {
        index[name].map { settings[$0] }
    }

    /// Names Django treats as settings (upper case), in order.
    public var settingNames: [String] {
        settings.map(\.name).filter { name in name.first?.isLetter == true && name == name.uppercased() }
    }

    /// Display path of the settings file.
    public var settingsFileDisplayPath: String {
        let root = rootFolder.standardizedFileURL.path
        let path = settingsFile.standardizedFileURL.path
        return path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
    }
}

/// Reads a settings module of a project without running Python.
public struct SettingsReader: Sendable {
    public var rootFolder: URL
    public var environment: [String: String]
    public var limits: SettingsReaderLimits

    /// `rootFolder` is the folder holding manage.py (Django's working folder and import root);
    /// `environment` resolves environment lookups, together with `rootFolder/.env` when present.
    public init(rootFolder: URL, environment: [String: String], limits: SettingsReaderLimits = .standard) {
        self.rootFolder = rootFolder.standardizedFileURL
        self.environment = environment
        self.limits = limits
    }

    /// Reads the module `module` (a dotted name, found under the root folder).
    public func read(module: String) -> DjangoSettings {
        LargeStack.run { readOnCurrentThread(module: module) }
    }

    private func readOnCurrentThread(module: String) -> DjangoSettings {
        var diagnostics: [SettingsDiagnostic] = []
        var projectFile: DotEnvFile?
        let dotEnvURL = rootFolder.appendingPathComponent(".env")
        if FileManager.default.fileExists(atPath: dotEnvURL.path) {
            switch DotEnvFile.read(dotEnvURL, displayPath: ".env", maxBytes: limits.maxDotEnvBytes) {
            case .success(let file):
                projectFile = file
                diagnostics += file.diagnostics
            case .failure(let error):
                diagnostics.append(SettingsDiagnostic(.warning, error))
            }
        }
        let interpreter = Interpreter(rootFolder: rootFolder, environment: EnvironmentStore(process: environment, projectFile: projectFile),
                                      limits: limits)
        interpreter.diagnostics = diagnostics
        var settingsFile = rootFolder.appendingPathComponent(module.replacingOccurrences(of: ".", with: "/") + ".py")
        var settings: [SettingValue] = []
        if let file = interpreter.locateModule(module), let url = file.url {
            settingsFile = url
            settings = interpreter.evaluate(file: file, module: module).settings
        } else {
            interpreter.report(.error, .settingsModuleNotFound(module: module, searched: Self.candidatePaths(for: module)))
        }
        return DjangoSettings(rootFolder: rootFolder, settingsModule: module, settingsFile: settingsFile, settings: settings,
                              diagnostics: interpreter.diagnostics, filesRead: interpreter.filesRead,
                              dotEnvFiles: interpreter.environment.dotEnvPaths, unsupportedLayout: interpreter.layoutProblem)
    }

    static func candidatePaths(for module: String) -> [String] {
        let base = module.replacingOccurrences(of: ".", with: "/")
        return ["\(base).py", "\(base)/__init__.py"]
    }
}
