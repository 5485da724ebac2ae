/// `import` and `from ... import ...`: project modules (found under the project root folder) are
/// read and run; anything else becomes a `.reference` by dotted name. A module that is not found
/// raises ImportError, which `try: ... except ImportError:` catches as Python would.
extension Interpreter {
    func importModules(_ imported: [ImportedModule], in scope: inout ModuleScope, frame: Frame, at location: SourceLocation) -> Flow {
        for module in imported {
            if isProjectModuleName(module.module) {
                if case .missing = loadModule(module.module, requestedAt: location) {
                    return .raised(Raise(kind: .importError(module: module.module), location: location))
                }
            }
            let bound = module.alias ?? String(module.module.split(separator: ".").first ?? "")
            let target = module.alias == nil ? bound : module.module
            scope.bind(SettingValue(name: bound, value: .reference(target), location: location))
        }
        return .normal
    }

    func importFrom(_ module: String, level: Int, names: ImportedNames, in scope: inout ModuleScope, frame: Frame,
                    at location: SourceLocation) -> Flow {
        let written = String(repeating: ".", count: level) + module
        let absolute: String
        if level > 0 {
            guard let resolved = Self.resolveRelative(module, level: level, frame: frame) else {
                return .raised(Raise(kind: .importError(module: written), location: location))
            }
            absolute = resolved
        } else {
            absolute = module
        }
        let inProject = level > 0 || isProjectModuleName(absolute)
        guard inProject else {
            guard case .names(let list) = names else {
                // `from installed_package import *`: its names cannot be known.
                return .raised(Raise(kind: .importError(module: absolute), location: location))
            }
            for name in list {
                scope.bind(SettingValue(name: name.alias ?? name.name, value: .reference(absolute + "." + name.name), location: location))
            }
            return .normal
        }
        let imported: ModuleScope
        switch loadModule(absolute, requestedAt: location) {
        case .loaded(let loaded):
            imported = loaded
        case .missing:
            return .raised(Raise(kind: .importError(module: written), location: location))
        case .skipped:
            if case .names(let list) = names {
                for name in list {
                    scope.bind(SettingValue(name: name.alias ?? name.name,
                                            value: dynamic("its import from \(written) was skipped", at: location), location: location))
                }
            }
            return .normal
        }
        switch names {
        case .star:
            for setting in Self.publicNames(of: imported) { scope.bind(setting) }
        case .names(let list):
            for name in list {
                let bound = name.alias ?? name.name
                if var setting = imported[name.name] {
                    setting.name = bound
                    scope.bind(setting)
                } else if locateModule(absolute + "." + name.name) != nil {
                    _ = loadModule(absolute + "." + name.name, requestedAt: location)
                    scope.bind(SettingValue(name: bound, value: .reference(absolute + "." + name.name), location: location))
                } else {
                    report(.warning, .runtimeFailure(location, detail: "'\(name.name)' is not defined in \(written) (ImportError when Django starts)"))
                    return .raised(Raise(kind: .importError(module: written), location: location))
                }
            }
        }
        return .normal
    }

    /// What `from m import *` copies: `__all__` when it is a known list of names, else every name
    /// not starting with `_`.
    static func publicNames(of scope: ModuleScope) -> [SettingValue] {
        if let all = scope["__all__"]?.value.resolved, let items = Semantics.elements(all, limit: 100_000) {
            let names = items.compactMap(\.stringValue)
            if names.count == items.count { return names.compactMap { scope[$0] } }
        }
        return scope.settings.filter { !$0.name.hasPrefix("_") }
    }

    /// `from ..x import y` inside `frame`'s module, as an absolute dotted name; nil beyond the top.
    static func resolveRelative(_ module: String, level: Int, frame: Frame) -> String? {
        var package = frame.module.split(separator: ".").map(String.init)
        if !frame.isPackage && !package.isEmpty { package.removeLast() }
        guard level - 1 <= package.count else { return nil }
        package.removeLast(level - 1)
        guard !package.isEmpty else { return nil }
        return (package + (module.isEmpty ? [] : [module])).joined(separator: ".")
    }
}
