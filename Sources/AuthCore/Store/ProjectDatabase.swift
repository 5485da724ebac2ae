/// Finds the SQLite database of the Django project around `folder` from its settings.
enum ProjectDatabase {
    static func locate(from folder: String, settingsFile: String?, environment: [String: String]) throws -> DatabaseSource {
        throw DatabaseSourceError.noDatabaseFound(folder: folder)
    }
}
