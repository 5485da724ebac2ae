import Foundation

/// Reads the settings of the project the console runs in: from `--settings PATH` when given,
/// else from the manage.py found around the current folder.
public enum ProjectSettings {
    /// `searchSubfolders`: also look one level below the current folder for manage.py. Only
    /// when nothing else says which site this is: with an explicit database, a project found in
    /// a subfolder may be another site's.
    public static func load(currentFolder: String, settingsFile: String?, environment: [String: String],
                            searchSubfolders: Bool = true) throws -> DjangoSettings {
        guard let settingsFile, !settingsFile.isEmpty else {
            return try DjangoProject.locate(from: URL(fileURLWithPath: currentFolder), environment: environment,
                                            searchSubfolders: searchSubfolders).readSettings()
        }
        let file = URL(fileURLWithPath: settingsFile, relativeTo: URL(fileURLWithPath: currentFolder, isDirectory: true)).standardizedFileURL
        guard SourceFile.isFile(file) else { throw SettingsFileError.missing(settingsFile) }
        guard file.pathExtension == "py" else { throw SettingsFileError.notAPythonFile(settingsFile) }
        // The import root is the folder holding manage.py above the file (as Django runs), else the
        // file's own folder; the module name is the file's path below that root.
        let fileParts = file.deletingPathExtension().pathComponents
        var root = file.deletingLastPathComponent()
        if let manage = try? DjangoProject.findManageFile(from: root) {
            let candidate = manage.deletingLastPathComponent().standardizedFileURL
            if fileParts.starts(with: candidate.pathComponents) { root = candidate }
        }
        var module = Array(fileParts.dropFirst(root.pathComponents.count))
        if module.count > 1 && module.last == "__init__" { module.removeLast() }
        return SettingsReader(rootFolder: root, environment: environment).read(module: module.joined(separator: "."))
    }
}

public enum SettingsFileError: UserFacingError, Equatable {
    case missing(String)
    case notAPythonFile(String)

    public var message: String {
        switch self {
        case .missing(let p): return "no settings file at \(p): give the path of the settings module, e.g. mysite/settings.py"
        case .notAPythonFile(let p): return "--settings \(p) is not a Python settings file (.py): give the path of the settings module, e.g. mysite/settings.py"
        }
    }
}
