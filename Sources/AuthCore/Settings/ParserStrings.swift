/// String literals: implicit concatenation, escapes, and f-strings (fields are tokenized and parsed
/// as expressions with the line they sit on).
extension Parser {
    mutating func parseStrings() throws -> PythonExpression {
        let start = here
        var pieces: [StringPiece] = []
        while case .string(let piece) = current.kind {
            pieces.append(piece)
            advance()
        }
        let byteCount = pieces.filter(\.isBytes).count
        if byteCount != 0 && byteCount != pieces.count {
            throw ParseFailure.syntax(line: start.line, message: "cannot mix bytes and nonbytes literals")
        }
        if !pieces.contains(where: \.isFormat) {
            let value = pieces.map { StringEscapes.decode($0.body[...], raw: $0.isRaw, bytes: $0.isBytes) }.joined()
            return PythonExpression(.string(value, isBytes: byteCount > 0), at: start)
        }
        var parts: [FormattedStringPart] = []
        for piece in pieces {
            if piece.isFormat {
                parts += try formattedParts(of: piece)
            } else {
                parts.append(.literal(StringEscapes.decode(piece.body[...], raw: piece.isRaw, bytes: false)))
            }
        }
        let merged = Self.mergeLiterals(parts)
        return try node(.formattedString(merged), at: start, children: Self.fieldExpressions(merged))
    }

    static func mergeLiterals(_ parts: [FormattedStringPart]) -> [FormattedStringPart] {
        var merged: [FormattedStringPart] = []
        for part in parts {
            if case .literal(let text) = part {
                if text.isEmpty { continue }
                if case .literal(let previous)? = merged.last {
                    merged[merged.count - 1] = .literal(previous + text)
                    continue
                }
            }
            merged.append(part)
        }
        return merged
    }

    static func fieldExpressions(_ parts: [FormattedStringPart]) -> [PythonExpression] {
        parts.flatMap { part -> [PythonExpression] in
            if case .field(let expression, _, let spec) = part { return [expression] + fieldExpressions(spec) }
            return []
        }
    }

    private mutating func formattedParts(of piece: StringPiece) throws -> [FormattedStringPart] {
        var parts: [FormattedStringPart] = []
        var cursor = 0
        for field in piece.fields {
            let literalEnd = max(cursor, field.start - 1)
            parts.append(.literal(StringEscapes.decode(piece.body[cursor..<literalEnd], raw: piece.isRaw, bytes: false, formatLiteral: true)))
            parts.append(try parseField(piece.body[field.start..<field.end], line: field.line, raw: piece.isRaw))
            cursor = min(field.end + 1, piece.body.count)
        }
        parts.append(.literal(StringEscapes.decode(piece.body[cursor...], raw: piece.isRaw, bytes: false, formatLiteral: true)))
        return parts
    }

    /// One `{...}` field: expression, optional `!conversion`, optional `:spec` (which may hold fields).
    private mutating func parseField(_ text: ArraySlice<UInt8>, line: Int, raw: Bool) throws -> FormattedStringPart {
        var k = text.startIndex
        var level = 0
        var expressionEnd = text.endIndex
        var conversion: Character?
        var spec: ArraySlice<UInt8> = []
        while k < text.endIndex {
            let c = text[k]
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                k = Self.skipQuoted(text, from: k)
                continue
            }
            if c == UInt8(ascii: "(") || c == UInt8(ascii: "[") || c == UInt8(ascii: "{") {
                level += 1
            } else if c == UInt8(ascii: ")") || c == UInt8(ascii: "]") || c == UInt8(ascii: "}") {
                level -= 1
            } else if level == 0 && c == UInt8(ascii: "!") && k + 1 < text.endIndex && text[k + 1] != UInt8(ascii: "=") {
                expressionEnd = k
                conversion = Character(Unicode.Scalar(text[k + 1]))
                if k + 2 < text.endIndex && text[k + 2] == UInt8(ascii: ":") { spec = text[(k + 3)...] }
                break
            } else if level == 0 && c == UInt8(ascii: ":") {
                expressionEnd = k
                spec = text[(k + 1)...]
                break
            }
            k += 1
        }
        let expressionText = text[text.startIndex..<expressionEnd]
        let trimmed = expressionText.reversed().drop { $0 == UInt8(ascii: " ") || $0.isLineBreak || $0 == UInt8(ascii: "\t") }
        let location = SourceLocation(file: file, line: line)
        let specParts = try parseFormatSpec(spec, line: line, raw: raw)
        if let last = trimmed.first, last == UInt8(ascii: "="),
           let before = trimmed.dropFirst().first, !"=!<>".utf8.contains(before) {
            return .field(PythonExpression(.opaque(.selfDocumentingField), at: location), conversion: conversion, formatSpec: specParts)
        }
        let wrapped = [UInt8(ascii: "(")] + Array(expressionText) + [UInt8(ascii: ")")]
        let tokens = try Tokenizer.tokenize(wrapped, maxDepth: limits.maxNestingDepth, firstLine: line)
        var inner = Parser(tokens: tokens, file: file, limits: limits, depth: depth + 1)
        try inner.enter()
        let expression = try inner.parseExpressionList(allowStar: true)
        guard inner.current.kind == .newline || inner.current.kind == .end else {
            throw ParseFailure.syntax(line: line, message: "invalid expression in f-string")
        }
        return .field(expression, conversion: conversion, formatSpec: specParts)
    }

    private mutating func parseFormatSpec(_ spec: ArraySlice<UInt8>, line: Int, raw: Bool) throws -> [FormattedStringPart] {
        guard !spec.isEmpty else { return [] }
        var parts: [FormattedStringPart] = []
        var cursor = spec.startIndex
        var k = spec.startIndex
        while k < spec.endIndex {
            guard spec[k] == UInt8(ascii: "{") else { k += 1; continue }
            parts.append(.literal(StringEscapes.decode(spec[cursor..<k], raw: raw, bytes: false, formatLiteral: true)))
            var level = 0
            var end = k
            while end < spec.endIndex {
                let c = spec[end]
                if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") { end = Self.skipQuoted(spec, from: end); continue }
                if c == UInt8(ascii: "{") { level += 1 }
                if c == UInt8(ascii: "}") {
                    level -= 1
                    if level == 0 { break }
                }
                end += 1
            }
            guard end < spec.endIndex else { throw ParseFailure.syntax(line: line, message: "f-string: expecting '}'") }
            parts.append(try parseField(spec[(k + 1)..<end], line: line, raw: raw))
            k = end + 1
            cursor = k
        }
        parts.append(.literal(StringEscapes.decode(spec[cursor...], raw: raw, bytes: false, formatLiteral: true)))
        return Self.mergeLiterals(parts)
    }

    /// Index just after the string literal starting at `start` (a quote), or the end of `text`.
    static func skipQuoted(_ text: ArraySlice<UInt8>, from start: Int) -> Int {
        let quote = text[start]
        let triple = start + 2 < text.endIndex && text[start + 1] == quote && text[start + 2] == quote
        var k = start + (triple ? 3 : 1)
        while k < text.endIndex {
            let c = text[k]
            if c == .backslash { k += 2; continue }
            if c == quote {
                if !triple { return k + 1 }
                if k + 2 < text.endIndex && text[k + 1] == quote && text[k + 2] == quote { return k + 3 }
            }
            k += 1
        }
        return text.endIndex
    }
}
