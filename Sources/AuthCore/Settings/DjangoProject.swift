import Foundation

/// A Django project found on disk: the folder holding manage.py, and the settings module it uses.
public struct DjangoProject: Equatable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public enum SettingsModuleSource: Equatable, Sendable {
        /// From the DJANGO_SETTINGS_MODULE environment variable.
        case environment
        /// From `os.environ.setdefault("DJANGO_SETTINGS_MODULE", ...)` in manage.py.
        case manageFile(SourceLocation)
    }

    /// The folder holding manage.py: Django's working folder and the root of project imports.
    public var rootFolder: URL
    public var manageFile: URL
    public var settingsModule: String
    public var settingsModuleSource: SettingsModuleSource
    public var settingsFile: URL
    public var environment: [String: String]
    public var limits: SettingsReaderLimits

    /// Finds manage.py in `start` (a folder, or a file inside one), its parent folders, or one
    /// level of its subfolders; reads the settings module from manage.py unless the environment's
    /// DJANGO_SETTINGS_MODULE overrides it; and checks that the module's file exists.
    /// Throws `SettingsError`.
    public static func locate(from start: URL, environment: [String: String] = ProcessInfo.processInfo.environment,
                              limits: SettingsReaderLimits = .standard, searchSubfolders: Bool = true) throws -> DjangoProject {
        let manageFile = try findManageFile(from: start, searchSubfolders: searchSubfolders)
        let rootFolder = manageFile.deletingLastPathComponent().standardizedFileURL
        let module: String
        let source: SettingsModuleSource
        if let fromEnvironment = environment["DJANGO_SETTINGS_MODULE"]?.trimmingCharacters(in: .whitespaces), !fromEnvironment.isEmpty {
            module = fromEnvironment
            source = .environment
        } else if let declared = try declaredSettingsModule(in: manageFile, limits: limits) {
            module = declared.module
            source = .manageFile(declared.location)
        } else {
            throw SettingsError.settingsModuleNotDeclared(manageFile: "manage.py")
        }
        let parts = module.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !parts.isEmpty, parts.allSatisfy(Interpreter.isIdentifier) else {
            throw SettingsError.invalidSettingsModuleName(module)
        }
        let base = parts.reduce(rootFolder) { $0.appendingPathComponent($1) }
        let candidates = [base.appendingPathExtension("py"), base.appendingPathComponent("__init__.py")]
        guard let settingsFile = candidates.first(where: SourceFile.isFile) else {
            throw SettingsError.settingsModuleNotFound(module: module, searched: SettingsReader.candidatePaths(for: module))
        }
        return DjangoProject(rootFolder: rootFolder, manageFile: manageFile, settingsModule: module, settingsModuleSource: source,
                             settingsFile: settingsFile, environment: environment, limits: limits)
    }

    /// Without the environment, which may hold secrets.
    public var description: String {
        let source: String
        switch settingsModuleSource {
        case .environment: source = "$DJANGO_SETTINGS_MODULE"
        case .manageFile(let location): source = location.description
        }
        return "Django project at \(rootFolder.path), settings \(settingsModule) (from \(source))"
    }

    public var debugDescription: String { description }

    /// Reads the settings module (never throws: problems are in `diagnostics`).
    public func readSettings() -> DjangoSettings {
        SettingsReader(rootFolder: rootFolder, environment: environment, limits: limits).read(module: settingsModule)
    }

    // MARK: - Finding manage.py

    private static let skippedFolders: Set<String> = ["node_modules", "venv", "env", "site-packages", "__pycache__"]

    static func findManageFile(from start: URL, searchSubfolders: Bool = true) throws -> URL {
        var folder = start.standardizedFileURL
        if folder.lastPathComponent == "manage.py" && SourceFile.isFile(folder) { return folder }
        if !SourceFile.isFolder(folder) { folder = folder.deletingLastPathComponent() }
        var current = folder
        while true {
            let candidate = current.appendingPathComponent("manage.py")
            if SourceFile.isFile(candidate) { return candidate }
            let parent = current.deletingLastPathComponent().standardizedFileURL
            if parent.path == current.path { break }
            current = parent
        }
        guard searchSubfolders else { throw SettingsError.manageFileNotFound(searchedFrom: folder.path) }
        let children = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let found = children.sorted()
            .filter { !$0.hasPrefix(".") && !skippedFolders.contains($0) }
            .map { folder.appendingPathComponent($0).appendingPathComponent("manage.py") }
            .filter(SourceFile.isFile)
        if found.count > 1 {
            throw SettingsError.ambiguousManageFiles(candidates: found.map { $0.deletingLastPathComponent().lastPathComponent + "/manage.py" })
        }
        if let only = found.first { return only }
        throw SettingsError.manageFileNotFound(searchedFrom: folder.path)
    }

    /// `os.environ.setdefault("DJANGO_SETTINGS_MODULE", "x.y")` (or `os.environ[...] = "x.y"`)
    /// anywhere in manage.py, including inside `def main():`.
    static func declaredSettingsModule(in manageFile: URL, limits: SettingsReaderLimits) throws -> (module: String, location: SourceLocation)? {
        let bytes: [UInt8]
        switch SourceFile.load(manageFile, displayPath: "manage.py", maxBytes: limits.maxFileBytes) {
        case .success(let loaded): bytes = loaded
        case .failure(let error): throw error
        }
        let module = PythonParser.parse(bytes: bytes, file: "manage.py", limits: limits)
        return search(module.statements)
    }

    private static func search(_ statements: [PythonStatement]) -> (module: String, location: SourceLocation)? {
        for statement in statements {
            switch statement.kind {
            case .expression(let expression):
                if case .call(let callee, let arguments) = expression.kind,
                   case .attribute(let base, "setdefault") = callee.kind,
                   Interpreter.dottedText(base).hasSuffix("environ"),
                   arguments.count >= 2,
                   case .string("DJANGO_SETTINGS_MODULE", _) = arguments[0].value.kind,
                   case .string(let value, _) = arguments[1].value.kind {
                    return (value, statement.location)
                }
            case .assignment(let targets, let value):
                for target in targets {
                    if case .subscript(let base, let key) = target.kind, Interpreter.dottedText(base).hasSuffix("environ"),
                       case .string("DJANGO_SETTINGS_MODULE", _) = key.kind, case .string(let module, _) = value.kind {
                        return (module, statement.location)
                    }
                }
            case .functionDefinition(_, let body), .with(_, let body), .classDefinition(_, _, let body):
                if let found = search(body) { return found }
            case .ifChain(let branches, let orElse):
                if let found = search(branches.flatMap(\.body) + (orElse ?? [])) { return found }
            case .tryBlock(let body, let handlers, let orElse, let finally):
                if let found = search(body + handlers.flatMap(\.body) + orElse + finally) { return found }
            default:
                continue
            }
        }
        return nil
    }
}
