/// Statements: assignment, in-place changes, branches, loops, definitions.
extension Interpreter {
    func execute(_ block: [PythonStatement], in scope: inout ModuleScope, frame: Frame) -> Flow {
        for statement in block {
            if exhausted { return .normal }
            let flow = execute(statement, in: &scope, frame: frame)
            if flow != .normal { return flow }
        }
        return .normal
    }

    func execute(_ statement: PythonStatement, in scope: inout ModuleScope, frame: Frame) -> Flow {
        missingRequiredVariable = nil
        let flow = executeKind(statement, in: &scope, frame: frame)
        // Outside `try`, the value stays an unset environment reference, which says more than an
        // exception would; inside, the handler takes over as it would when Django starts.
        // Compound statements report through their own bodies' flow.
        let raise = missingRequiredVariable
        missingRequiredVariable = nil
        switch statement.kind {
        case .assignment, .annotatedAssignment, .augmentedAssignment, .expression, .delete:
            if flow == .normal, tryDepth > 0, let raise { return .raised(raise) }
        default:
            break
        }
        return flow
    }

    private func executeKind(_ statement: PythonStatement, in scope: inout ModuleScope, frame: Frame) -> Flow {
        let location = statement.location
        guard tick(at: location) else { return .normal }
        switch statement.kind {
        case .assignment(let targets, let valueExpression):
            let value = evaluate(valueExpression, in: scope, frame: frame)
            for target in targets {
                checkDynamicModuleChange(target, at: location)
                assign(value, to: target, in: &scope, frame: frame, at: location)
            }
        case .annotatedAssignment(let target, let valueExpression):
            if let valueExpression {
                assign(evaluate(valueExpression, in: scope, frame: frame), to: target, in: &scope, frame: frame, at: location)
            }
        case .augmentedAssignment(let target, let op, let valueExpression):
            let operand = evaluate(valueExpression, in: scope, frame: frame)
            augment(target, op, operand, in: &scope, frame: frame, at: location)
        case .expression(let expression):
            executeExpressionStatement(expression, in: &scope, frame: frame, at: location)
        case .importModules(let imported):
            return importModules(imported, in: &scope, frame: frame, at: location)
        case .importFrom(let module, let level, let names):
            return importFrom(module, level: level, names: names, in: &scope, frame: frame, at: location)
        case .ifChain(let branches, let orElse):
            return executeIf(branches, orElse: orElse, in: &scope, frame: frame)
        case .tryBlock(let body, let handlers, let orElse, let finally):
            return executeTry(body: body, handlers: handlers, orElse: orElse, finally: finally, in: &scope, frame: frame)
        case .with(let items, let body):
            for item in items {
                _ = evaluate(item.context, in: scope, frame: frame)
                if let target = item.target {
                    assign(.dynamic(DynamicValue(reason: "value of a with statement", location: location)),
                           to: target, in: &scope, frame: frame, at: location)
                }
            }
            return execute(body, in: &scope, frame: frame)
        case .functionDefinition(let name, _):
            scope.bind(SettingValue(name: name, value: .dynamic(DynamicValue(reason: "function \(name)() defined in the settings", location: location)),
                                    location: location))
        case .classDefinition(let name, let bases, let body):
            checkSettingsClass(name, bases: bases, body: body, at: location)
            scope.bind(SettingValue(name: name, value: .dynamic(DynamicValue(reason: "class \(name) defined in the settings", location: location)),
                                    location: location))
        case .forLoop(let target, let iterable, let body, let orElse):
            return executeFor(target, iterable, body: body, orElse: orElse, in: &scope, frame: frame, at: location)
        case .whileLoop(_, let body, let orElse):
            let statements = body + orElse
            checkDynamicModuleChanges(in: statements)
            markChanged(Self.assignedNames(in: statements), reason: "changed in a while loop", in: &scope, at: location)
        case .delete(let targets):
            for target in targets { delete(target, in: &scope, frame: frame, at: location) }
        case .raise(let exception):
            return .raised(Raise(kind: .exception(exception.flatMap(Self.exceptionName).map { [$0] } ?? []), location: location))
        case .pass, .global:
            break
        case .other(let word):
            if word == "break" { return .breakLoop }
            if word == "continue" { return .continueLoop }
        case .unparsable(let targets):
            for name in targets {
                scope.bind(SettingValue(name: name, value: .dynamic(DynamicValue(reason: "the line setting it could not be parsed", location: location)),
                                        location: location))
            }
        }
        return .normal
    }

    // MARK: - Assignment

    func assign(_ value: PythonValue, to target: PythonExpression, in scope: inout ModuleScope, frame: Frame, at location: SourceLocation) {
        switch target.kind {
        case .name(let name):
            scope.bind(SettingValue(name: name, value: bounded(value, at: location), location: location))
        case .tuple(let targets), .list(let targets):
            assignUnpacking(value, to: targets, in: &scope, frame: frame, at: location)
        case .starred(let inner):
            assign(value, to: inner, in: &scope, frame: frame, at: location)
        case .subscript(let base, let indexExpression):
            let key = evaluate(indexExpression, in: scope, frame: frame)
            if case .reference("os.environ") = evaluate(base, in: scope, frame: frame) {
                if let name = key.stringValue, let resolved = value.resolved, let text = Formatting.str(resolved) {
                    environment.assigned[name] = text
                }
                return
            }
            if let path = mutationPath(base, in: scope, frame: frame) {
                mutate(path, in: &scope, at: location) { container in
                    Containers.setItem(&container, key: key, value: value)
                }
            }
        default:
            break  // Attributes of modules and objects are not followed.
        }
    }

    private func assignUnpacking(_ value: PythonValue, to targets: [PythonExpression], in scope: inout ModuleScope,
                                 frame: Frame, at location: SourceLocation) {
        let star = targets.firstIndex { if case .starred = $0.kind { return true }; return false }
        if let items = Semantics.elements(value, limit: limits.maxValueElements) {
            if let star {
                let after = targets.count - star - 1
                if items.count >= star + after {
                    for (index, target) in targets.enumerated() {
                        let item: PythonValue
                        if index < star {
                            item = items[index]
                        } else if index == star {
                            item = .list(Array(items[star..<(items.count - after)]))
                        } else {
                            item = items[items.count - (targets.count - index)]
                        }
                        assign(item, to: target, in: &scope, frame: frame, at: location)
                    }
                    return
                }
            } else if items.count == targets.count {
                for (item, target) in zip(items, targets) { assign(item, to: target, in: &scope, frame: frame, at: location) }
                return
            }
        }
        let unknown: PythonValue
        if case .dynamic = value {
            unknown = value
        } else {
            unknown = .dynamic(DynamicValue(reason: "unpacked from a \(value.kindName) whose items are not known", location: location))
        }
        for target in targets { assign(unknown, to: target, in: &scope, frame: frame, at: location) }
    }

    private func augment(_ target: PythonExpression, _ op: BinaryOperator, _ operand: PythonValue,
                         in scope: inout ModuleScope, frame: Frame, at location: SourceLocation) {
        let apply: (PythonValue) -> PythonValue = { current in
            // `list += iterable` extends in place and accepts any iterable.
            if op == .add, case .list(let items)? = current.resolved,
               let more = Semantics.elements(operand, limit: self.limits.maxValueElements) {
                return .list(items + more)
            }
            return self.binary(op, current, operand, at: location)
        }
        switch target.kind {
        case .name(let name):
            guard var binding = scope[name] else {
                scope.bind(SettingValue(name: name, value: .dynamic(DynamicValue(reason: "\(name) is changed before it is set", location: location)),
                                        location: location))
                return
            }
            binding.value = bounded(apply(binding.value), at: location)
            binding.modifiedAt.append(location)
            scope.bind(binding)
        case .subscript(let base, let indexExpression):
            let key = evaluate(indexExpression, in: scope, frame: frame)
            guard var path = mutationPath(base, in: scope, frame: frame) else { return }
            path.keys.append(key)
            mutate(path, in: &scope, at: location) { value in
                value = apply(value)
                return .done
            }
        default:
            break
        }
    }

    private func delete(_ target: PythonExpression, in scope: inout ModuleScope, frame: Frame, at location: SourceLocation) {
        switch target.kind {
        case .name(let name):
            scope.remove(name)
        case .tuple(let targets), .list(let targets):
            for inner in targets { delete(inner, in: &scope, frame: frame, at: location) }
        case .subscript(let base, let indexExpression):
            let key = evaluate(indexExpression, in: scope, frame: frame)
            if let path = mutationPath(base, in: scope, frame: frame) {
                mutate(path, in: &scope, at: location) { Containers.deleteItem(&$0, key: key) }
            }
        default:
            break
        }
    }

    // MARK: - Expression statements

    static let mutatingMethods: Set<String> = [
        "append", "extend", "insert", "remove", "pop", "clear", "update", "setdefault", "add", "discard", "sort", "reverse",
    ]

    private func executeExpressionStatement(_ expression: PythonExpression, in scope: inout ModuleScope, frame: Frame,
                                            at location: SourceLocation) {
        checkDynamicModuleChange(expression, at: location)
        if case .call(let callee, let argumentExpressions) = expression.kind,
           case .attribute(let base, let method) = callee.kind,
           Self.mutatingMethods.contains(method),
           let path = mutationPath(base, in: scope, frame: frame) {
            let arguments = evaluateArguments(argumentExpressions, in: scope, frame: frame)
            mutate(path, in: &scope, at: location) { container in
                Containers.call(method, on: &container, arguments: arguments, limit: self.limits.maxValueElements, at: location)
            }
            return
        }
        // Calls such as load_dotenv(), read_env() and os.environ.setdefault() take effect here.
        _ = evaluate(expression, in: scope, frame: frame)
    }

    // MARK: - Branches

    private func executeIf(_ branches: [ConditionalBlock], orElse: [PythonStatement]?, in scope: inout ModuleScope,
                           frame: Frame) -> Flow {
        var taken = branches.count
        var certain = true
        for (index, branch) in branches.enumerated() {
            let readsBefore = environmentReads
            let truth = truthiness(evaluate(branch.test, in: scope, frame: frame))
            if environmentReads != readsBefore { certain = false }
            guard let truth else {
                certain = false
                continue
            }
            if truth {
                taken = index
                break
            }
        }
        let bodies = branches.map(\.body) + [orElse ?? []]
        if certain { return execute(bodies[taken], in: &scope, frame: frame) }
        var outcomes: [(scope: ModuleScope, flow: Flow)] = []
        for body in bodies {
            var copy = scope
            let flow = execute(body, in: &copy, frame: frame)
            outcomes.append((copy, flow))
        }
        let alternatives = outcomes.indices.filter { index in
            guard index != taken else { return false }
            if case .raised = outcomes[index].flow { return false }
            return true
        }.map { outcomes[$0].scope }
        scope = ModuleScope.merge(primary: outcomes[taken].scope, alternatives: alternatives)
        return outcomes[taken].flow
    }

    private func executeTry(body: [PythonStatement], handlers: [ExceptHandler], orElse: [PythonStatement],
                            finally: [PythonStatement], in scope: inout ModuleScope, frame: Frame) -> Flow {
        let before = scope
        var bodyScope = scope
        tryDepth += 1
        var flow = execute(body, in: &bodyScope, frame: frame)
        tryDepth -= 1
        if case .raised(let raise) = flow {
            if let handler = handlers.first(where: { Self.catches($0, raise) }) {
                if case .importError(let module) = raise.kind {
                    report(.note, .optionalModuleMissing(raise.location, module: module))
                }
                var handlerScope = bodyScope
                bindExceptionName(handler, in: &handlerScope)
                flow = execute(handler.body, in: &handlerScope, frame: frame)
                scope = raise.dependsOnEnvironment
                    ? ModuleScope.merge(primary: handlerScope, alternatives: [bodyScope]) : handlerScope
            } else {
                scope = bodyScope
            }
        } else {
            if flow == .normal { flow = execute(orElse, in: &bodyScope, frame: frame) }
            if !handlers.isEmpty && mayFail(body) {
                // The body may fail at run time: the handlers' outcomes become variants.
                var alternatives: [ModuleScope] = []
                for handler in handlers {
                    var copy = before
                    bindExceptionName(handler, in: &copy)
                    if case .raised = execute(handler.body, in: &copy, frame: frame) { continue }
                    alternatives.append(copy)
                }
                scope = ModuleScope.merge(primary: bodyScope, alternatives: alternatives)
            } else {
                scope = bodyScope
            }
        }
        if !finally.isEmpty {
            let finalFlow = execute(finally, in: &scope, frame: frame)
            if finalFlow != .normal { return finalFlow }
        }
        return flow
    }

    private func bindExceptionName(_ handler: ExceptHandler, in scope: inout ModuleScope) {
        guard let name = handler.name else { return }
        scope.bind(SettingValue(name: name, value: .dynamic(DynamicValue(reason: "the exception caught here", location: handler.location)),
                                location: handler.location))
    }

    static func catches(_ handler: ExceptHandler, _ raise: Raise) -> Bool {
        guard let type = handler.type else { return true }
        var names: [String] = []
        if case .tuple(let items) = type.kind {
            names = items.compactMap(exceptionName)
        } else if let name = exceptionName(type) {
            names = [name]
        }
        let general = ["Exception", "BaseException"]
        switch raise.kind {
        case .importError:
            return names.contains { general.contains($0) || $0 == "ImportError" || $0 == "ModuleNotFoundError" }
        case .exception(let raised):
            return names.contains { general.contains($0) || raised.contains($0) }
        }
    }

    /// `ValueError` for `ValueError`, `ValueError("x")`, `exceptions.ValueError(...)`.
    static func exceptionName(_ expression: PythonExpression) -> String? {
        switch expression.kind {
        case .name(let name): return name
        case .attribute(_, let name): return name
        case .call(let callee, _): return exceptionName(callee)
        default: return nil
        }
    }

    /// False only for bodies that cannot fail at run time: `pass`, literal assignments, and imports
    /// of project modules (whose presence was checked on disk).
    private func mayFail(_ body: [PythonStatement]) -> Bool {
        for statement in body {
            switch statement.kind {
            case .pass: continue
            case .assignment(_, let value) where Self.isLiteral(value): continue
            case .importFrom(let module, let level, _) where level > 0 || isProjectModuleName(module): continue
            case .importModules(let imported) where imported.allSatisfy({ isProjectModuleName($0.module) }): continue
            default: return true
            }
        }
        return false
    }

    static func isLiteral(_ expression: PythonExpression) -> Bool {
        switch expression.kind {
        case .string, .integer, .float, .boolean, .none: return true
        case .list(let items), .tuple(let items), .set(let items): return items.allSatisfy(isLiteral)
        case .dict(let items):
            return items.allSatisfy {
                if case .pair(let key, let value) = $0 { return isLiteral(key) && isLiteral(value) }
                return false
            }
        case .unary(.minus, let operand): return isLiteral(operand)
        default: return false
        }
    }

    // MARK: - Loops

    private func executeFor(_ target: PythonExpression, _ iterableExpression: PythonExpression, body: [PythonStatement],
                            orElse: [PythonStatement], in scope: inout ModuleScope, frame: Frame, at location: SourceLocation) -> Flow {
        let iterable = evaluate(iterableExpression, in: scope, frame: frame)
        guard let items = Semantics.elements(iterable, limit: 1000), items.count <= 1000 else {
            var names = Self.assignedNames(in: body + orElse)
            names.insert(contentsOf: Self.targetNames(target), at: 0)
            checkDynamicModuleChanges(in: body + orElse)
            markChanged(names, reason: "changed in a for loop over a value known only at run time", in: &scope, at: location)
            return .normal
        }
        for item in items {
            guard tick(at: location) else { return .normal }
            assign(item, to: target, in: &scope, frame: frame, at: location)
            switch execute(body, in: &scope, frame: frame) {
            case .breakLoop: return .normal
            case .raised(let raise): return .raised(raise)
            case .normal, .continueLoop: continue
            }
        }
        return execute(orElse, in: &scope, frame: frame)
    }

    private func markChanged(_ names: [String], reason: String, in scope: inout ModuleScope, at location: SourceLocation) {
        for name in names {
            let unknown = PythonValue.dynamic(DynamicValue(reason: reason, location: location))
            if var binding = scope[name] {
                binding.value = unknown
                binding.modifiedAt.append(location)
                scope.bind(binding)
            } else {
                scope.bind(SettingValue(name: name, value: unknown, location: location))
            }
        }
    }

    /// Module-level names a block may bind or change (not looking into def/class bodies).
    static func assignedNames(in statements: [PythonStatement]) -> [String] {
        var names: [String] = []
        func add(_ more: [String]) {
            for name in more where !names.contains(name) { names.append(name) }
        }
        for statement in statements {
            switch statement.kind {
            case .assignment(let targets, _): add(targets.flatMap(targetNames))
            case .annotatedAssignment(let target, _), .augmentedAssignment(let target, _, _): add(targetNames(target))
            case .delete(let targets): add(targets.flatMap(targetNames))
            case .expression(let expression):
                if case .call(let callee, _) = expression.kind, case .attribute(let base, let method) = callee.kind,
                   mutatingMethods.contains(method) {
                    add(targetNames(base))
                }
            case .importModules(let imported):
                add(imported.map { $0.alias ?? String($0.module.split(separator: ".").first ?? "") })
            case .importFrom(_, _, .names(let imported)): add(imported.map { $0.alias ?? $0.name })
            case .importFrom(_, _, .star): continue
            case .ifChain(let branches, let orElse): add(assignedNames(in: branches.flatMap(\.body) + (orElse ?? [])))
            case .tryBlock(let body, let handlers, let orElse, let finally):
                add(assignedNames(in: body + handlers.flatMap(\.body) + orElse + finally))
            case .with(let items, let body):
                add(items.compactMap(\.target).flatMap(targetNames))
                add(assignedNames(in: body))
            case .forLoop(let target, _, let body, let orElse):
                add(targetNames(target))
                add(assignedNames(in: body + orElse))
            case .whileLoop(_, let body, let orElse): add(assignedNames(in: body + orElse))
            case .functionDefinition(let name, _), .classDefinition(let name, _, _): add([name])
            case .unparsable(let targets): add(targets)
            case .raise, .pass, .global, .other: continue
            }
        }
        return names
    }

    /// The module-level names a target binds or changes: `A`, `A, B`, the root of `A["k"][0]`.
    static func targetNames(_ target: PythonExpression) -> [String] {
        switch target.kind {
        case .name(let name): return [name]
        case .tuple(let items), .list(let items): return items.flatMap(targetNames)
        case .starred(let inner): return targetNames(inner)
        case .subscript(let base, _): return targetNames(base)
        default: return []
        }
    }

    // MARK: - Layouts the reader cannot follow

    private static let wellKnownSettings: Set<String> = [
        "DEBUG", "DATABASES", "INSTALLED_APPS", "SECRET_KEY", "ALLOWED_HOSTS", "MIDDLEWARE", "TEMPLATES", "ROOT_URLCONF",
        "STATIC_URL", "SOCIALACCOUNT_PROVIDERS", "AUTHENTICATION_BACKENDS", "SITE_ID", "CACHES", "LOGGING",
    ]
    private static let settingsBaseClasses: Set<String> = ["Configuration", "BaseSettings", "Settings", "CommunityBaseSettings"]

    private func checkSettingsClass(_ name: String, bases: [CallArgument], body: [PythonStatement], at location: SourceLocation) {
        let baseNames = bases.compactMap { Self.exceptionName($0.value) }
        let definesSettings = Self.assignedNames(in: body).contains { Self.wellKnownSettings.contains($0) }
        guard definesSettings || baseNames.contains(where: Self.settingsBaseClasses.contains) else { return }
        flagLayout(.unsupportedLayout(location, detail: "settings are defined in class \(name) (class-based settings such as django-configurations or pydantic)"))
    }

    /// `setattr(sys.modules[__name__], ...)`, `globals().update(...)`, `globals()[...] = ...`,
    /// `Settings.load_settings(__name__)`: settings set by code the reader cannot follow.
    func checkDynamicModuleChange(_ expression: PythonExpression, at location: SourceLocation) {
        var found: String?
        func visit(_ e: PythonExpression) {
            guard found == nil else { return }
            switch e.kind {
            case .call(let callee, let arguments):
                if case .name(let name) = callee.kind, ["globals", "locals", "vars"].contains(name) {
                    found = "\(name)()"
                    return
                }
                if case .name("setattr") = callee.kind, let first = arguments.first, Self.mentionsModuleName(first.value) {
                    found = "setattr(sys.modules[__name__], ...)"
                    return
                }
                if case .attribute(_, "load_settings") = callee.kind {
                    found = "\(Self.dottedText(callee))(...)"
                    return
                }
                visit(callee)
                arguments.forEach { visit($0.value) }
            case .attribute(let base, _): visit(base)
            case .subscript(let base, let index):
                visit(base)
                visit(index)
            default: break
            }
        }
        visit(expression)
        if let found {
            flagLayout(.unsupportedLayout(location, detail: "settings are set at run time with \(found)"))
        }
    }

    /// Statements the reader does not run (loop bodies) may still change the module dynamically.
    private func checkDynamicModuleChanges(in statements: [PythonStatement]) {
        for statement in statements {
            switch statement.kind {
            case .expression(let expression): checkDynamicModuleChange(expression, at: statement.location)
            case .assignment(let targets, _): targets.forEach { checkDynamicModuleChange($0, at: statement.location) }
            case .ifChain(let branches, let orElse): checkDynamicModuleChanges(in: branches.flatMap(\.body) + (orElse ?? []))
            case .forLoop(_, _, let body, let orElse), .whileLoop(_, let body, let orElse): checkDynamicModuleChanges(in: body + orElse)
            case .tryBlock(let body, let handlers, let orElse, let finally):
                checkDynamicModuleChanges(in: body + handlers.flatMap(\.body) + orElse + finally)
            case .with(_, let body): checkDynamicModuleChanges(in: body)
            default: continue
            }
        }
    }

    private static func mentionsModuleName(_ expression: PythonExpression) -> Bool {
        if case .subscript(let base, let index) = expression.kind, case .name("__name__") = index.kind {
            return dottedText(base) == "sys.modules"
        }
        return false
    }

    private func flagLayout(_ problem: SettingsError) {
        if layoutProblem == nil { layoutProblem = problem }
        report(.warning, problem)
    }

    /// `a.b.c` for names and attributes, `f()` for calls; used in reasons and messages.
    static func dottedText(_ expression: PythonExpression) -> String {
        switch expression.kind {
        case .name(let name): return name
        case .attribute(let base, let name): return dottedText(base) + "." + name
        case .call(let callee, _): return dottedText(callee) + "()"
        case .subscript(let base, let index):
            if case .string(let key, _) = index.kind { return dottedText(base) + "[\(Formatting.repr(string: SettingsError.printable(key, limit: 40)))]" }
            return dottedText(base) + "[...]"
        case .integer(let number): return String(number)
        case .string(let text, _): return Formatting.repr(string: SettingsError.printable(text, limit: 40))
        default: return "(expression)"
        }
    }
}
