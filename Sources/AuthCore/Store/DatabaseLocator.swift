/// Decides which database a command reads: `--demo`, then `--db`, then `DATABASE_URL`, then
/// the Django project found from the current folder.
public enum DatabaseLocator {
    public static func resolve(dbOption: String?, demo: Bool, settingsOption: String?,
                               environment: [String: String], currentFolder: String) throws -> DatabaseSource {
        if demo { return .sqlite(path: try DemoDatabase.ensureDefault(environment: environment)) }
        if let db = dbOption, !db.isEmpty { return try DatabaseSource.parse(db) }
        if let url = environment["DATABASE_URL"], !url.isEmpty { return try DatabaseSource.parse(url) }
        return try ProjectDatabase.locate(from: currentFolder, settingsFile: settingsOption, environment: environment)
    }
}
