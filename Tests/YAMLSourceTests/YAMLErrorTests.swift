import Testing

@testable import YAMLSource

@Suite("YAML errors say where and what")
struct YAMLErrorTests {
    @Test("duplicate keys name both places and keep the first value")
    func duplicateKeys() throws {
        let parsed = parse("a: 1\nb:\n  c: 2\n  c: 3\na: 4\n")
        #expect(
            messages(parsed) == [
                "test.yaml:4:3: error: duplicate key 'c' in this mapping: expected each key once (first defined at 3:3)",
                "test.yaml:5:1: error: duplicate key 'a' in this mapping: expected each key once (first defined at 1:1)",
            ])
        #expect(parsed.root?["a"]?.scalar?.text == "1")
    }

    @Test("duplicate keys in a large mapping are found too")
    func duplicateKeysLarge() {
        let text = (0..<40).map { "k\($0): \($0)\n" }.joined() + "k7: again\n"
        #expect(
            messages(parse(text)) == [
                "test.yaml:41:1: error: duplicate key 'k7' in this mapping: expected each key once (first defined at 8:1)"
            ])
    }

    @Test("several documents in one stream")
    func severalDocuments() {
        let parsed = parse("a: 1\n---\nb: 2\n")
        #expect(
            messages(parsed) == [
                "test.yaml:2:1: error: a second document starts here: expected exactly one document in the file"
            ])
        #expect(parsed.root == nil)
    }

    @Test("an empty file, or one with only comments", arguments: ["", "\n\n", "# nothing here\n"])
    func empty(text: String) {
        #expect(messages(parse(text)) == ["test.yaml:1:1: error: the file is empty: expected a YAML or JSON document"])
    }

    @Test("invalid UTF-8 is reported at its line and column")
    func invalidUTF8() {
        var bytes = Array("a: ok\nbé: x".utf8)
        bytes.append(0xFF)
        let parsed = YAMLParser().parse(SourceFile(path: "test.yaml", bytes: bytes))
        #expect(
            messages(parsed) == [
                "test.yaml:2:6: error: invalid leading UTF-8 octet (byte 0xFF): expected UTF-8 text"
            ])
    }

    @Test("a tab used as indentation")
    func tabs() {
        #expect(
            messages(parse("a:\n\tb: 1\n")) == [
                "test.yaml:2:1: error: found character that cannot start any token while scanning for the next token (a tab: YAML indents with spaces only)"
            ])
    }

    @Test(
        "unclosed flow collections",
        arguments: [
            ("a: [1, 2\nb: 3\n", "test.yaml:2:2: error: did not find expected ',' or ']' while parsing a flow sequence that starts at 1:4"),
            ("a: {x: 1\n", "test.yaml:2:1: error: did not find expected ',' or '}' while parsing a flow mapping that starts at 1:4"),
            ("k: {a: [1, 2}\n", "test.yaml:1:13: error: did not find expected ',' or ']' while parsing a flow sequence that starts at 1:8"),
        ])
    func unclosed(text: String, expected: String) {
        #expect(messages(parse(text)) == [expected])
    }

    @Test("an alias with no anchor")
    func unknownAlias() {
        #expect(
            messages(parse("a: *nope\n")) == [
                "test.yaml:1:4: error: unknown alias '*nope': no anchor '&nope' is defined before it"
            ])
    }

    @Test("a billion laughs stops at the alias budget instead of eating memory")
    func billionLaughs() {
        var lines = ["lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for level in 1...9 {
            lines.append("lol\(level): &lol\(level) [" + Array(repeating: "*lol\(level - 1)", count: 9).joined(separator: ", ") + "]")
        }
        let parsed = parse(lines.joined(separator: "\n"))
        // lol0 is 10 nodes and each level 9 times the one before plus one: the aliases of lol1 to
        // lol5 add 672,588 nodes, and the first '*lol5' (597,871 more) passes 1,000,000.
        #expect(
            messages(parsed) == [
                "test.yaml:7:14: error: aliases expand to more than 1000000 nodes (here '*lol5'): expected a document without exponential alias expansion"
            ])
        #expect(parsed.root == nil)
    }

    @Test("deep nesting is an error, not a stack overflow")
    func deepNesting() {
        let parsed = parse(String(repeating: "[", count: 100_000))
        #expect(
            messages(parsed) == [
                "test.yaml:1:257: error: nesting is deeper than 256 levels: expected a shallower document"
            ])
        let mappings = parse(String(repeating: "{a: ", count: 300) + "1" + String(repeating: "}", count: 300))
        #expect(
            messages(mappings) == [
                "test.yaml:1:1025: error: nesting is deeper than 256 levels: expected a shallower document"
            ])
    }

    @Test("limits can be tightened")
    func customLimits() {
        let parsed = parse("a: [[[1]]]\n", limits: .init(maxDepth: 3))
        #expect(messages(parsed) == ["test.yaml:1:6: error: nesting is deeper than 3 levels: expected a shallower document"])
    }
}

@Suite("Diagnostic rendering")
struct DiagnosticRenderingTests {
    @Test("the source line and a caret under the column")
    func caret() {
        let source = SourceFile(path: "spec.yaml", text: "a: 1\n\tb:  [x,\n")
        let diagnostic = Diagnostic.error("something is wrong", at: Mark(file: "spec.yaml", line: 2, column: 6), pointer: "/b")
        #expect(
            DiagnosticRenderer(sources: [source]).render(diagnostic) == """
                spec.yaml:2:6: error: something is wrong (at #/b)
                \tb:  [x,
                \t    ^
                """)
    }

    @Test("a long line is quoted as a window around the column, its cut ends shown")
    func longLineWindow() {
        // A document served as one line of JSON: 26 members of 10 characters each.
        let members = (0..<26).map { index in "\"\(Character(UnicodeScalar(97 + index)!))\(String(repeating: "x", count: 4))\":1" }
        let line = "{" + members.joined(separator: ",") + "}"
        let source = SourceFile(path: "api.json", text: line + "\n")
        let column = 1 + 13 * 10 + 1  // the opening quote of "nxxxx", the 14th member
        let diagnostic = Diagnostic.warning("unknown member", at: Mark(file: "api.json", line: 1, column: column))
        let rendered = DiagnosticRenderer(sources: [source]).render(diagnostic)
        let window = String(line.dropFirst(column - 1 - 60).prefix(120))
        #expect(rendered == "api.json:1:\(column): warning: unknown member\n…\(window)…\n" + String(repeating: " ", count: 61) + "^")
        // The start and the end of a long line are cut on one side only.
        let atStart = DiagnosticRenderer(sources: [source]).render(.warning("w", at: Mark(file: "api.json", line: 1, column: 2)))
        #expect(atStart == "api.json:1:2: warning: w\n\(line.prefix(120))…\n ^")
        let atEnd = DiagnosticRenderer(sources: [source]).render(.warning("w", at: Mark(file: "api.json", line: 1, column: line.count)))
        #expect(atEnd == "api.json:1:\(line.count): warning: w\n…\(line.suffix(120))\n" + String(repeating: " ", count: 120) + "^")
    }

    @Test("no snippet without a source or a mark")
    func noSnippet() {
        let renderer = DiagnosticRenderer(sources: [])
        #expect(renderer.render(.warning("w", at: Mark(file: "x.yaml", line: 1, column: 1))) == "x.yaml:1:1: warning: w")
        #expect(renderer.render(.error("cannot read", at: nil)) == "error: cannot read")
    }

    @Test("a byte offset maps to line and column in characters")
    func byteOffsets() {
        let source = SourceFile(path: "x", text: "ab\nçd€f\n")
        #expect(source.position(ofByteOffset: 0) == (1, 1))
        #expect(source.position(ofByteOffset: 3) == (2, 1))
        #expect(source.position(ofByteOffset: 9) == (2, 4))
        #expect(source.line(2) == "çd€f")
        #expect(source.line(9) == nil)
    }

    @Test("many diagnostics in one file quote their own lines, CRLF or LF, and none past the end")
    func quotedLines() {
        let source = SourceFile(path: "x.yaml", text: "a: 1\r\nb: [\n\nc: d")
        let renderer = DiagnosticRenderer(sources: [source])
        let rendered = renderer.render([
            .error("one", at: Mark(file: "x.yaml", line: 1, column: 4)),
            .error("two", at: Mark(file: "x.yaml", line: 2, column: 4)),
            .warning("empty", at: Mark(file: "x.yaml", line: 3, column: 1)),
            .warning("last", at: Mark(file: "x.yaml", line: 4, column: 4)),
            .warning("beyond", at: Mark(file: "x.yaml", line: 5, column: 1)),
        ])
        #expect(
            rendered == """
                x.yaml:1:4: error: one
                a: 1
                   ^
                x.yaml:2:4: error: two
                b: [
                   ^
                x.yaml:3:1: warning: empty
                x.yaml:4:4: warning: last
                c: d
                   ^
                x.yaml:5:1: warning: beyond
                """)
        #expect(SourceFile.LineIndex(source.bytes).line(0, of: source) == nil)
    }
}
