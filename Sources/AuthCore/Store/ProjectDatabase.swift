import Foundation

/// Finds the database of the Django project around the current folder from its settings'
/// `DATABASES['default']`.
enum ProjectDatabase {
    static func locate(from folder: String, settingsFile: String?, environment: [String: String]) throws -> DatabaseSource {
        let settings: DjangoSettings
        do {
            settings = try ProjectSettings.load(currentFolder: folder, settingsFile: settingsFile, environment: environment)
        } catch SettingsError.manageFileNotFound {
            throw DatabaseSourceError.noDatabaseFound(folder: folder)
        }
        switch try settings.databaseLocation() {
        case .sqlite(let path):
            return .sqlite(path: path)
        case .postgres:
            throw DatabaseSourceError.postgresNotYetSupported
        }
    }
}
