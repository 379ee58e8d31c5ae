import SchemaValidation
import Testing
import YAMLSource

@Suite("JSON values: parsing, exact numbers, equality")
struct JSONValueTests {
    @Test("parse errors name the line and column")
    func parseErrors() {
        let cases: [(String, String)] = [
            ("{\"a\": 1,}", "body.json:1:9: error: expected a member name in double quotes"),
            ("{\"a\" 1}", "body.json:1:6: error: expected ':' after the member name \"a\""),
            ("[1, 2\n", "body.json:2:1: error: expected ',' or ']' after an array item"),
            ("{\"a\": tru}", "body.json:1:7: error: invalid literal: expected 'true'"),
            ("", "body.json:1:1: error: unexpected end of the text: expected a JSON value"),
            ("01", "body.json:1:2: error: expected the end of the text after the JSON value"),
            ("\"a\tb\"", "body.json:1:3: error: control character U+0009 in a string: expected it escaped"),
            ("{\"a\": 1} x", "body.json:1:10: error: expected the end of the text after the JSON value"),
            (
                "'single'",
                "body.json:1:1: error: unexpected character ''': expected a JSON value (object, array, string, number, true, false or null)"
            ),
        ]
        for (text, expected) in cases {
            #expect(throws: Diagnostic.self) { try JSONParser().parse(text, file: "body.json") }
            do {
                _ = try JSONParser().parse(text, file: "body.json")
            } catch {
                #expect(error.description == expected)
            }
        }
    }

    @Test("invalid UTF-8 and deep nesting are errors, not crashes")
    func hostile() {
        #expect(throws: Diagnostic.self) { try JSONParser().parse([0x22, 0xFF, 0x22]) }
        let deep = String(repeating: "[", count: 100_000)
        do {
            _ = try JSONParser().parse(deep, file: "deep.json")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "deep.json:1:513: error: nesting is deeper than 512 levels")
        }
    }

    @Test("strings: escapes and surrogate pairs")
    func strings() throws {
        let value = try JSONParser().parse(#""a\"b\\c\/d\n\u00e9\ud83d\ude00""#)
        #expect(value == .string("a\"b\\c/d\né😀"))
    }

    @Test("integers stay exact to 64 bits and beyond")
    func bigNumbers() {
        let int64Max = validator(#"{"maximum": 9223372036854775807}"#)
        #expect(int64Max.isValid(json("9223372036854775807")))
        #expect(!int64Max.isValid(json("9223372036854775808")))
        let huge = validator(#"{"minimum": 98249283749234923498293171823948729348710298301928331}"#)
        #expect(!huge.isValid(json("98249283749234923498293171823948729348710298301928330")))
        #expect(huge.isValid(json("98249283749234923498293171823948729348710298301928331")))
    }

    @Test("multipleOf is exact for decimals")
    func multipleOf() {
        let cents = validator(#"{"multipleOf": 0.01}"#)
        #expect(cents.isValid(json("19.99")))
        #expect(cents.isValid(json("0.07")))
        #expect(!cents.isValid(json("19.999")))
        #expect(validator(#"{"multipleOf": 0.1}"#).isValid(json("0.3")))
    }

    @Test("equality is JSON's: numbers by value, objects in any order, strings by code points")
    func equality() {
        #expect(json("1") == json("1.0"))
        #expect(json(#"{"a": 1, "b": [true, null]}"#) == json(#"{"b": [true, null], "a": 1.0}"#))
        #expect(json(#""\u00e9""#) != json(#""e\u0301""#))
        #expect(Set([json("1"), json("1.0"), json("2")]).count == 2)
    }

    @Test("a YAML node converts to the same value as the JSON text")
    func fromNode() {
        let yaml = YAMLParser().parse(SourceFile(path: "x.yaml", text: "a: [1, 2.5, 'x', null, true]\nb: {c: 0x1F}\n")).root!
        #expect(JSONValue(yaml) == json(#"{"a": [1, 2.5, "x", null, true], "b": {"c": 31}}"#))
        #expect(json(#"{"a":[1,"x"],"b":{"c":null}}"#).jsonText == #"{"a":[1,"x"],"b":{"c":null}}"#)
    }
}
