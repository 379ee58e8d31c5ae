import Testing

@testable import YAMLSource

@Suite("YAML 1.2 core schema")
struct ScalarResolutionTests {
    @Test(
        "plain scalars resolve by the core schema",
        arguments: [
            ("null", Scalar.Kind.null), ("Null", .null), ("NULL", .null), ("~", .null), ("", .null),
            ("true", .bool), ("True", .bool), ("FALSE", .bool),
            ("0", .int), ("-19", .int), ("+7", .int), ("0o17", .int), ("0x1F", .int), ("200", .int),
            ("1.5", .float), ("-.5", .float), ("1.", .float), ("1e3", .float), ("6.8523015e+5", .float),
            (".inf", .float), ("-.Inf", .float), (".NaN", .float),
            ("yes", .string), ("no", .string), ("on", .string), ("nULL", .string), ("0x", .string),
            ("0o8", .string), ("1_000", .string), ("3.0.3", .string), ("1e", .string), ("e3", .string),
            ("+", .string), (".", .string), ("2024-09-15", .string), ("-", .string),
        ])
    func plain(text: String, kind: Scalar.Kind) {
        #expect(Scalar(text: text, style: .plain).kind == kind)
    }

    @Test("quoted and block scalars stay strings")
    func quoted() throws {
        let root = try #require(parse("a: '200'\nb: \"true\"\nc: |\n  1\nd: >\n  null\ne: 200\n").root)
        #expect(root["a"]?.scalar?.kind == .string)
        #expect(root["b"]?.scalar?.kind == .string)
        #expect(root["c"]?.scalar?.kind == .string)
        #expect(root["d"]?.scalar?.kind == .string)
        #expect(root["e"]?.scalar?.kind == .int)
        // Both spellings of a response code read as the same key text.
        #expect(root["a"]?.scalar?.text == root["e"]?.scalar?.text)
    }

    @Test("explicit tags win over the text")
    func tags() throws {
        let root = try #require(parse("a: !!str 12\nb: !!int '7'\nc: ! true\nd: !!float 1\n").root)
        #expect(root["a"]?.scalar?.kind == .string)
        #expect(root["b"]?.scalar?.int == 7)
        #expect(root["c"]?.scalar?.kind == .string)
        #expect(root["d"]?.scalar?.double == 1)
    }

    @Test("numeric values")
    func values() {
        #expect(Scalar(text: "0x1F", style: .plain).int == 31)
        #expect(Scalar(text: "0o17", style: .plain).int == 15)
        #expect(Scalar(text: "-.inf", style: .plain).double == -.infinity)
        #expect(Scalar(text: "9223372036854775807", style: .plain).int == Int.max)
        #expect(Scalar(text: "9223372036854775808", style: .plain).int == nil)
        #expect(Scalar(text: "True", style: .plain).bool == true)
        #expect(Scalar(text: "1", style: .singleQuoted).int == nil)
    }
}
