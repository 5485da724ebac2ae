import Foundation

/// Reads a settings module of a project without running Python.
///
/// How it works: `PythonParser` turns each file into a syntax tree (file:line on every node);
/// an internal interpreter runs the module-level statements symbolically, following project
/// imports (`from .base import *`, `from proj.settings import X`, optional `local_settings`),
/// and binds every name to a `PythonValue` with the place it was set (`SettingValue`).
///
/// What is understood: literals (dict/list/tuple/set/str/bytes/int/float/bool/None), names bound
/// earlier, attribute access, subscripts and slices, `+ - * / // % ** | &` and comparisons,
/// `and`/`or`/`not`/ternaries, f-strings, `%` and `str.format`; `pathlib.Path` and `os.path`
/// path building; `os.getenv`, `os.environ[...]`/`.get`/`.setdefault`, django-environ and
/// environs `env(...)`/`env.str/bool/int/float/list/tuple/dict/json/url/path/db/cache/email(...)`,
/// python-decouple `config(...)` with casts, `dj_database_url.config/parse`, `json.loads` and
/// `ast.literal_eval` over a variable, `read_env()`/`load_dotenv()`; statement-level changes
/// (`X["k"] = v`, `X += ...`, `X.append/extend/insert/remove/update/setdefault/pop(...)`, `del`);
/// `if`/`elif`/`else` and `try`/`except`/`else`/`finally` (undecidable or environment-dependent
/// branches become conditional values with variants); `for` loops over known lists (unrolled).
///
/// What becomes `.dynamic` (with the reason and place): calls to other functions, lambdas,
/// comprehensions, `while` loops, functions defined in the settings, unknown names. Class-based
/// settings and `setattr(sys.modules[__name__], ...)` are reported as an unsupported layout.
///
/// Everything is bounded by `SettingsReaderLimits` and runs on a thread with a large stack, so a
/// hostile file yields diagnostics, never a crash or a hang.
public struct SettingsReader: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
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

    /// Without the environment, which may hold secrets.
    public var description: String { "SettingsReader(\(rootFolder.path))" }
    public var debugDescription: String { description }

    /// Reads the module `module` (a dotted name, found under the root folder).
    public func read(module: String) -> DjangoSettings {
        LargeStack.run { readOnCurrentThread(module: module) }
    }

    private func readOnCurrentThread(module: String) -> DjangoSettings {
        var diagnostics: [SettingsDiagnostic] = []
        var projectFile: DotEnvFile?
        let dotEnvURL = rootFolder.appendingPathComponent(".env")
        if SourceFile.isFile(dotEnvURL) {
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
