/// Where environment variables come from while settings are read, in order of precedence:
/// variables the settings set themselves (`os.environ[...] = ...`, `os.environ.setdefault`), the
/// environment given to the reader, `.env` files the settings load (`read_env`, `load_dotenv`),
/// and finally the project's `.env` file (read even when nothing loads it, as decouple does).
struct EnvironmentStore {
    var process: [String: String]
    var assigned: [String: String] = [:]
    var loadedFiles: [DotEnvFile] = []
    var projectFile: DotEnvFile?

    init(process: [String: String], projectFile: DotEnvFile?) {
        self.process = process
        self.projectFile = projectFile
    }

    func lookup(_ name: String) -> (text: String, resolution: EnvironmentReference.Resolution)? {
        if let value = assigned[name] ?? process[name] { return (value, .environment) }
        for file in loadedFiles + (projectFile.map { [$0] } ?? []) {
            if let value = file.values[name] { return (value, .dotEnv(file: file.path)) }
        }
        return nil
    }

    func isSet(_ name: String) -> Bool { lookup(name) != nil }

    var dotEnvPaths: [String] { (loadedFiles + (projectFile.map { [$0] } ?? [])).map(\.path) }
}
