/// The syntax tree of the part of Python that settings files use. Every node knows its file and line.
/// Constructs the reader does not model (lambdas, comprehensions, `await`, `yield`, `:=`) are kept as
/// `.opaque` nodes so that a file using them still parses.
public struct PythonExpression: Equatable, Sendable {
    public indirect enum Kind: Equatable, Sendable {
        case name(String)
        /// A string literal; adjacent literals are already joined.
        case string(String, isBytes: Bool)
        case formattedString([FormattedStringPart])
        case integer(Int)
        case float(Double)
        /// Imaginary numbers and integers that do not fit in `Int`, as written.
        case unrepresentableNumber(String)
        case boolean(Bool)
        case none
        case ellipsis
        case list([PythonExpression])
        case tuple([PythonExpression])
        case set([PythonExpression])
        case dict([DictionaryItem])
        /// `*x` inside a list, tuple, set, call or assignment target.
        case starred(PythonExpression)
        case attribute(PythonExpression, String)
        case `subscript`(PythonExpression, PythonExpression)
        case slice(PythonExpression?, PythonExpression?, PythonExpression?)
        case call(PythonExpression, [CallArgument])
        case unary(UnaryOperator, PythonExpression)
        case binary(BinaryOperator, PythonExpression, PythonExpression)
        case logical(LogicalOperator, PythonExpression, PythonExpression)
        case comparison(PythonExpression, [ComparisonStep])
        /// `body if test else orElse`
        case conditional(body: PythonExpression, test: PythonExpression, orElse: PythonExpression)
        case opaque(OpaqueExpression)
    }

    public var kind: Kind
    public var location: SourceLocation
    /// Height of the tree below this node (a leaf is 1); bounded by `SettingsReaderLimits.maxExpressionHeight`.
    public var height: Int

    public init(_ kind: Kind, at location: SourceLocation, height: Int = 1) {
        self.kind = kind
        self.location = location
        self.height = height
    }
}

public enum OpaqueExpression: String, Equatable, Sendable {
    case lambda
    case listComprehension = "list comprehension"
    case setComprehension = "set comprehension"
    case dictComprehension = "dict comprehension"
    case generator = "generator expression"
    case await
    case yield
    case assignmentExpression = "assignment expression (:=)"
    case selfDocumentingField = "f-string field with '='"
    case matchCase = "match case"
}

public indirect enum FormattedStringPart: Equatable, Sendable {
    case literal(String)
    /// `{expression!conversion:formatSpec}`
    case field(PythonExpression, conversion: Character?, formatSpec: [FormattedStringPart])
}

public enum DictionaryItem: Equatable, Sendable {
    case pair(key: PythonExpression, value: PythonExpression)
    /// `**mapping`
    case unpack(PythonExpression)
}

public struct CallArgument: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case positional
        case keyword(String)
        /// `*iterable`
        case unpack
        /// `**mapping`
        case unpackKeywords
    }

    public var kind: Kind
    public var value: PythonExpression
}

public enum UnaryOperator: String, Equatable, Sendable {
    case minus = "-", plus = "+", invert = "~", not
}

public enum BinaryOperator: String, Equatable, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", floorDivide = "//", modulo = "%"
    case power = "**", matrixMultiply = "@", bitOr = "|", bitAnd = "&", bitXor = "^"
    case shiftLeft = "<<", shiftRight = ">>"
}

public enum LogicalOperator: String, Equatable, Sendable {
    case and, or
}

public struct ComparisonStep: Equatable, Sendable {
    public enum Operator: String, Equatable, Sendable {
        case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
        case `in` = "in", notIn = "not in", `is` = "is", isNot = "is not"
    }

    public var op: Operator
    public var right: PythonExpression
}

public struct PythonStatement: Equatable, Sendable {
    public indirect enum Kind: Equatable, Sendable {
        /// `a = b = value`; targets may be names, tuples, subscripts or attributes.
        case assignment(targets: [PythonExpression], value: PythonExpression)
        case annotatedAssignment(target: PythonExpression, value: PythonExpression?)
        case augmentedAssignment(target: PythonExpression, op: BinaryOperator, value: PythonExpression)
        case expression(PythonExpression)
        case importModules([ImportedModule])
        case importFrom(module: String, level: Int, names: ImportedNames)
        case ifChain(branches: [ConditionalBlock], orElse: [PythonStatement]?)
        case tryBlock(body: [PythonStatement], handlers: [ExceptHandler], orElse: [PythonStatement], finally: [PythonStatement])
        case with(items: [WithItem], body: [PythonStatement])
        /// Bodies are parsed (manage.py keeps its settings module inside `def main()`) but never run.
        case functionDefinition(name: String, body: [PythonStatement])
        case classDefinition(name: String, bases: [CallArgument], body: [PythonStatement])
        case forLoop(target: PythonExpression, iterable: PythonExpression, body: [PythonStatement], orElse: [PythonStatement])
        case whileLoop(test: PythonExpression, body: [PythonStatement], orElse: [PythonStatement])
        case delete([PythonExpression])
        case raise(PythonExpression?)
        case pass
        case global([String])
        /// `return`, `break`, `continue`, `assert`, `nonlocal`, `match` ... : parsed, not modelled.
        case other(String)
        /// A statement that did not parse; the names it seems to assign are kept so they can be
        /// reported as unknown.
        case unparsable(targets: [String])
    }

    public var kind: Kind
    public var location: SourceLocation

    public init(_ kind: Kind, at location: SourceLocation) {
        self.kind = kind
        self.location = location
    }
}

public struct ImportedModule: Equatable, Sendable {
    /// Dotted module name as written, e.g. `os.path`.
    public var module: String
    public var alias: String?
}

public enum ImportedNames: Equatable, Sendable {
    case star
    case names([ImportedName])
}

public struct ImportedName: Equatable, Sendable {
    public var name: String
    public var alias: String?
}

public struct ConditionalBlock: Equatable, Sendable {
    public var test: PythonExpression
    public var body: [PythonStatement]
}

public struct ExceptHandler: Equatable, Sendable {
    /// The exception class expression; nil for a bare `except:`.
    public var type: PythonExpression?
    public var name: String?
    public var body: [PythonStatement]
    public var location: SourceLocation
}

public struct WithItem: Equatable, Sendable {
    public var context: PythonExpression
    public var target: PythonExpression?
}

/// A parsed file: the statements that parsed, and the problems met (syntax errors are recovered
/// from at the next statement, so one bad line does not hide the rest of the file).
public struct PythonModule: Equatable, Sendable {
    public var file: String
    public var statements: [PythonStatement]
    public var diagnostics: [SettingsDiagnostic]
}
