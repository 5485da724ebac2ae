import XCTest
@testable import AuthCore

final class SettingsParserTests: XCTestCase {
    private func parse(_ source: String) -> PythonModule {
        PythonParser.parse(source, file: "settings.py")
    }

    private func onlyAssignment(_ source: String, file: StaticString = #filePath, line: UInt = #line) -> PythonExpression? {
        let module = parse(source)
        XCTAssertEqual(module.diagnostics, [], file: file, line: line)
        guard module.statements.count == 1, case .assignment(_, let value) = module.statements[0].kind else {
            XCTFail("expected one assignment, got \(module.statements)", file: file, line: line)
            return nil
        }
        return value
    }

    func testStringLiteralForms() {
        let ok = onlyAssignment(#"X = 'a' "b" '''c''' r'\d' "\t\x41\u00e9\101""#)
        XCTAssertEqual(ok?.kind, .string("abc\\d\tAéA", isBytes: false))
        XCTAssertEqual(onlyAssignment("X = b'\\xff' rb'\\n'")?.kind, .string("\u{FF}\\n", isBytes: true))
    }

    func testMixingBytesAndTextIsASyntaxError() {
        let module = parse("X = 'a' b'b'\nY = 1\n")
        XCTAssertEqual(module.diagnostics.map(\.problem),
                       [.syntaxError(SourceLocation(file: "settings.py", line: 1), detail: "cannot mix bytes and nonbytes literals")])
        XCTAssertEqual(module.statements.map(\.kind), [
            .unparsable(targets: ["X"]),
            .assignment(targets: [PythonExpression(.name("Y"), at: SourceLocation(file: "settings.py", line: 2))],
                        value: PythonExpression(.integer(1), at: SourceLocation(file: "settings.py", line: 2))),
        ])
    }

    func testTripleQuotedStringKeepsLinesAndLineNumbers() {
        let module = parse("KEY = \"\"\"-----BEGIN\r\nabc\r\n-----END\"\"\"\nNEXT = 2\n")
        XCTAssertEqual(module.diagnostics, [])
        XCTAssertEqual(module.statements.count, 2)
        if case .assignment(_, let value) = module.statements[0].kind {
            XCTAssertEqual(value.kind, .string("-----BEGIN\nabc\n-----END", isBytes: false))
        }
        XCTAssertEqual(module.statements[1].location.line, 4)
    }

    func testNumbersAndUnaryMinus() {
        XCTAssertEqual(onlyAssignment("X = 0x1F")?.kind, .integer(31))
        XCTAssertEqual(onlyAssignment("X = 1_000")?.kind, .integer(1000))
        XCTAssertEqual(onlyAssignment("X = 2.5e3")?.kind, .float(2500))
        XCTAssertEqual(onlyAssignment("X = 99999999999999999999999")?.kind, .unrepresentableNumber("99999999999999999999999"))
        guard case .unary(.minus, let operand)? = onlyAssignment("X = -5")?.kind else { return XCTFail("expected unary minus") }
        XCTAssertEqual(operand.kind, .integer(5))
    }

    func testFormattedStringFieldsAndNestedQuotes() {
        let value = onlyAssignment(#"URL = f"{BASE}realms/{d["k"]!r:>{W}}/{{x}}""#)
        guard case .formattedString(let parts)? = value?.kind else { return XCTFail("expected an f-string") }
        XCTAssertEqual(parts.count, 4)
        guard case .field(let first, nil, [])  = parts[0] else { return XCTFail("first part \(parts[0])") }
        XCTAssertEqual(first.kind, .name("BASE"))
        XCTAssertEqual(parts[1], .literal("realms/"))
        guard case .field(let second, "r", let spec) = parts[2] else { return XCTFail("third part \(parts[2])") }
        guard case .subscript(let base, let key) = second.kind else { return XCTFail("expected subscript") }
        XCTAssertEqual(base.kind, .name("d"))
        XCTAssertEqual(key.kind, .string("k", isBytes: false))
        XCTAssertEqual(spec.count, 2)
        XCTAssertEqual(spec.first, .literal(">"))
        XCTAssertEqual(parts[3], .literal("/{x}"))
    }

    func testStatementsOfASplitSettingsFile() {
        let source = """
        # -*- coding: utf-8 -*-
        from .base import *  # noqa
        import os, sys
        from os.path import (join,
                             dirname as dn)
        X, Y = 1, 2; Z = 3
        APPS += ["a"]
        PROVIDERS["github"]["APPS"].append({"client_id": "x"})
        if DEBUG:
            pass
        elif os.environ.get("A"):
            A = 1
        else:
            A = 2
        try:
            from .local_settings import *
        except ImportError:
            pass
        with open("x") as f:
            SECRET = f.read()
        def helper(a, b=[1, 2], *args, **kw) -> int:
            return a
        @decorator(1)
        class Settings(Base, metaclass=M):
            DEBUG = True
        for app in ["x"]:
            APPS.append(app)
        del X
        global Y
        LOCALE = lambda request: 'en_US'
        SCOPES = {'profile', 'email'}
        SQUARES = [x * x for x in range(3) if x]
        TYPED: int = 3
        """
        let module = parse(source)
        XCTAssertEqual(module.diagnostics, [])
        let kinds = module.statements.map { statement -> String in
            switch statement.kind {
            case .assignment: return "assign"
            case .annotatedAssignment: return "annotated"
            case .augmentedAssignment: return "augmented"
            case .expression: return "expression"
            case .importModules: return "import"
            case .importFrom(let module, let level, let names): return "from \(level)\(module) \(names == .star ? "*" : "names")"
            case .ifChain(let branches, let orElse): return "if \(branches.count) else \(orElse?.count ?? -1)"
            case .tryBlock(_, let handlers, _, _): return "try \(handlers.count)"
            case .with: return "with"
            case .functionDefinition(let name, let body): return "def \(name) \(body.count)"
            case .classDefinition(let name, let bases, _): return "class \(name) \(bases.count)"
            case .forLoop: return "for"
            case .whileLoop: return "while"
            case .delete: return "del"
            case .raise: return "raise"
            case .pass: return "pass"
            case .global: return "global"
            case .other(let word): return word
            case .unparsable: return "unparsable"
            }
        }
        XCTAssertEqual(kinds, [
            "from 1base *", "import", "from 0os.path names", "assign", "assign", "augmented", "expression",
            "if 2 else 1", "try 1", "with", "def helper 1", "class Settings 2", "for", "del", "global",
            "assign", "assign", "assign", "annotated",
        ])
        XCTAssertEqual(module.statements.map(\.location.line), [2, 3, 4, 6, 6, 7, 8, 9, 15, 19, 21, 24, 26, 28, 29, 30, 31, 32, 33])
    }

    func testSyntaxErrorsAreReportedWithLinesAndParsingResumes() {
        let source = "A = 1\nB = (2 +\nC = 3\n"
        let module = parse(source)
        // The open bracket swallows the rest of the file: Python reports it where it was opened.
        XCTAssertEqual(module.diagnostics.map(\.problem), [.syntaxError(SourceLocation(file: "settings.py", line: 2), detail: "'(' was never closed")])

        let resumed = parse("A = 1\nB = = 2\nif x y:\n    D = 1\nC = 3\n")
        XCTAssertEqual(resumed.diagnostics.map(\.location?.line), [2, 3])
        XCTAssertEqual(resumed.statements.map(\.kind).last.map { "\($0)".hasPrefix("assignment") }, true)
        XCTAssertEqual(resumed.statements.count, 4)
        XCTAssertEqual(resumed.statements[1].kind, .unparsable(targets: ["B"]))
    }

    func testIndentationErrors() {
        let module = parse("if x:\n        A = 1\n    B = 2\n")
        XCTAssertEqual(module.diagnostics.map(\.problem),
                       [.syntaxError(SourceLocation(file: "settings.py", line: 3), detail: "unindent does not match any outer indentation level")])
        let unexpected = parse("A = 1\n    B = 2\nC = 3\n")
        XCTAssertEqual(unexpected.diagnostics.map(\.location?.line), [2])
        XCTAssertEqual(unexpected.statements.count, 3)
    }

    func testTabsCRLFBOMAndContinuations() {
        let source = "\u{FEFF}if True:\r\n\tA = 1 + \\\r\n  2\r\n\tB = [1,\r\n# comment\r\n 2]\r\nC = 3\r\n"
        let module = parse(source)
        XCTAssertEqual(module.diagnostics, [])
        XCTAssertEqual(module.statements.count, 2)
        XCTAssertEqual(module.statements.last?.location.line, 7)
    }

    func testDeepNestingIsADiagnosticNotACrash() {
        let deep = "X = " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n"
        let module = parse(deep)
        XCTAssertEqual(module.statements, [])
        XCTAssertEqual(module.diagnostics.map(\.problem), [.nestingTooDeep(SourceLocation(file: "settings.py", line: 1), limit: 100)])

        let unary = "X = " + String(repeating: "-", count: 10_000) + "1\n"
        XCTAssertEqual(parse(unary).diagnostics.map(\.problem), [.nestingTooDeep(SourceLocation(file: "settings.py", line: 1), limit: 100)])

        let chain = "X = " + Array(repeating: "1", count: 5_000).joined(separator: " + ") + "\n"
        XCTAssertEqual(parse(chain).diagnostics.map(\.problem), [.nestingTooDeep(SourceLocation(file: "settings.py", line: 1), limit: 100)])

        let fstrings = "X = " + String(repeating: "f'{", count: 300) + "1" + String(repeating: "}'", count: 300) + "\n"
        XCTAssertEqual(parse(fstrings).diagnostics.map(\.problem.location?.line), [1])
    }

    func testGarbageIsRejected() {
        let binary: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00, 0xFF, 0xFE]
        XCTAssertEqual(PythonParser.parse(bytes: binary, file: "settings.py").diagnostics.map(\.problem),
                       [.notText(path: "settings.py", reason: "it contains NUL bytes")])
        XCTAssertEqual(PythonParser.parse(bytes: [0x41, 0x3D, 0xC3, 0x28], file: "settings.py").diagnostics.map(\.problem),
                       [.notText(path: "settings.py", reason: "it is not valid UTF-8")])
        let latin1 = Array("# -*- coding: latin-1 -*-\nNAME = '".utf8) + [0xE9] + Array("'\n".utf8)
        let module = PythonParser.parse(bytes: latin1, file: "settings.py")
        XCTAssertEqual(module.diagnostics, [])
        if case .assignment(_, let value)? = module.statements.first?.kind {
            XCTAssertEqual(value.kind, .string("é", isBytes: false))
        } else {
            XCTFail("expected an assignment")
        }
        XCTAssertEqual(parse("A = $\n").diagnostics.map(\.problem),
                       [.syntaxError(SourceLocation(file: "settings.py", line: 1), detail: "invalid character '$'")])
    }

    func testUnterminatedStrings() {
        XCTAssertEqual(parse("A = 'abc\nB = 1\n").diagnostics.map(\.problem),
                       [.syntaxError(SourceLocation(file: "settings.py", line: 1), detail: "unterminated string literal")])
        XCTAssertEqual(parse("A = 1\nB = '''abc\n\n").diagnostics.map(\.problem),
                       [.syntaxError(SourceLocation(file: "settings.py", line: 2), detail: "unterminated triple-quoted string literal")])
    }

    func testMatchStatementIsSkipped() {
        let module = parse("match X:\n    case {'a': 1} if y:\n        A = 1\n    case _: A = 2\nB = 2\nmatch = 3\n")
        XCTAssertEqual(module.diagnostics, [])
        XCTAssertEqual(module.statements.count, 3)
        guard case .ifChain(let branches, nil)? = module.statements.first?.kind else { return XCTFail("match is not an if-chain") }
        XCTAssertEqual(branches.map(\.test.kind), [.opaque(.matchCase), .opaque(.matchCase)])
        XCTAssertEqual(branches.map(\.body.count), [1, 1])
        XCTAssertEqual(branches.map(\.test.location.line), [2, 4])
    }
}
