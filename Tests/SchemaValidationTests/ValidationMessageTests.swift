import SchemaValidation
import Testing
import YAMLSource

@Suite("Validation messages and schema problems")
struct ValidationMessageTests {
    @Test("oneOf says how many branches matched")
    func oneOf() {
        let checker = validator(
            """
            oneOf:
              - {type: integer}
              - {type: number}
              - {type: string}
            """)
        #expect(
            checker.validate(json("3")).map(\.description) == [
                "#: oneOf: expected exactly one of the 3 oneOf schemas to match, 2 did (#0, #1) (schema #/oneOf at schema.yaml:1:1)"
            ])
        #expect(
            checker.validate(json("null")).map(\.description) == [
                "#: oneOf: expected exactly one of the 3 oneOf schemas to match, none did (schema #/oneOf at schema.yaml:1:1)",
                "#: type: expected integer, found null (schema #/oneOf/0/type at schema.yaml:2:6)",
                "#: type: expected number, found null (schema #/oneOf/1/type at schema.yaml:3:6)",
                "#: type: expected string, found null (schema #/oneOf/2/type at schema.yaml:4:6)",
            ])
        #expect(checker.isValid(json("2.5")))
    }

    @Test("long values are truncated in messages")
    func truncation() {
        let checker = validator("{const: short}")
        let long = String(repeating: "x", count: 200)
        #expect(
            checker.validate(.string(long)).map(\.description) == [
                "#: const: expected \"short\", found \"\(String(repeating: "x", count: 79))… (schema #/const at schema.yaml:1:2)"
            ])
    }

    @Test("every error of an instance is collected, in nested places")
    func collected() {
        let checker = validator(
            """
            type: object
            properties:
              items:
                type: array
                items: {type: object, required: [id], additionalProperties: false, properties: {id: {type: integer}}}
            """)
        #expect(
            checker.validate(json(#"{"items": [{"id": 1}, {"id": "2"}, {"x": 3}]}"#)).map(\.description) == [
                "#/items/1/id: type: expected integer, found string (\"2\") (schema #/properties/items/items/properties/id/type at schema.yaml:5:90)",
                "#/items/2: required: required member 'id' is missing (schema #/properties/items/items/required at schema.yaml:5:27)",
                "#/items/2/x: additionalProperties: member 'x' is not declared, and additionalProperties is false (schema #/properties/items/items/additionalProperties at schema.yaml:5:43)",
            ])
    }

    @Test("a pattern that does not compile is a schema problem with its place, not a crash")
    func badPattern() {
        let compiler = SchemaCompiler(dialect: .draft2020_12)
        let checker = compiler.validator(
            forDocument: node("type: string\npattern: '^(abc'\n"), uri: "https://example.com/s.json", file: "schema.yaml")
        #expect(
            compiler.diagnostics.map(\.description) == [
                "schema.yaml:2:1: error: 'pattern' pattern '^(abc' is not a valid ECMA-262 regular expression (at #/pattern)"
            ])
        #expect(checker.isValid(.string("anything")))
    }

    @Test("a reference that leads nowhere is a schema problem, and an error where it is used")
    func badReference() {
        let compiler = SchemaCompiler(dialect: .draft2020_12)
        let checker = compiler.validator(
            forDocument: node("properties:\n  a: {$ref: '#/$defs/missing'}\n"), uri: "https://example.com/s.json", file: "schema.yaml")
        #expect(
            compiler.diagnostics.map(\.description) == [
                "schema.yaml:2:7: error: cannot resolve '#/$defs/missing' (from base https://example.com/s.json): expected a schema at that URI (at #/properties/a/$ref)"
            ])
        #expect(
            checker.validate(json(#"{"a": 1}"#)).map(\.description) == [
                "#/a: $ref: cannot resolve '$ref: #/$defs/missing' (schema #/properties/a/$ref at schema.yaml:2:7)"
            ])
    }

    @Test("ECMA-262 classes: \\d and \\w are ASCII only")
    func ecmaClasses() {
        #expect(!validator(#"{"pattern": "^\\d+$"}"#).isValid(.string("৪২")))
        #expect(validator(#"{"pattern": "^\\d+$"}"#).isValid(.string("42")))
        #expect(!validator(#"{"pattern": "^\\w+$"}"#).isValid(.string("é")))
        #expect(!validator(#"{"pattern": "^abc$"}"#).isValid(.string("abc\n")))
    }
}
