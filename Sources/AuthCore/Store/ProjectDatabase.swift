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
        case .postgres(let parameters):
            // A password the settings cannot give is left to libpq (PGPASSWORD, ~/.pgpass); any
            // other field only known when Django runs would send the console somewhere else.
            let unknown = parameters.unresolvedFields.filter { $0.key != "PASSWORD" }.sorted { $0.key < $1.key }
            if let (field, reason) = unknown.first {
                throw DatabaseSourceError.settingsNotUnderstood(
                    "the settings' DATABASES['default'] \(field) is only known when Django runs (\(UntrustedText.sanitized(reason))): pass --db postgres://user@host:port/dbname or set DATABASE_URL")
            }
            return .postgres(PostgreSQLParameters(settings: parameters))
        }
    }
}
