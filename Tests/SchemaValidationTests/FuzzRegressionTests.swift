import Testing

@testable import SchemaValidation

/// Inputs the fuzzers (`scripts/fuzz`) found failing, kept failing-proof.
@Suite("Fuzz findings stay fixed")
struct FuzzRegressionTests {
    /// schema-validator: a schema that refers to itself leaked every schema it compiled (the
    /// compiled schemas held each other in a reference cycle). Now they refer to each other
    /// by id in a sealed graph, which goes when the last validator does.
    @Test("a recursive schema is freed with its validator")
    func recursiveSchemaIsFreed() {
        weak var segment: SchemaSegment?
        do {
            let checker = validator(
                #"""
                {"$schema": "https://json-schema.org/draft/2020-12/schema",
                 "properties": {"foo": {"$ref": "#"}}, "additionalProperties": false}
                """#)
            segment = checker.graph.segments.first
            #expect(checker.isValid(json(#"{"foo": false}"#)))
            #expect(
                checker.validate(json(#"{"foo": {"foo": {"bar": 1}}}"#)).map(\.description) == [
                    #"#/foo/foo/bar: additionalProperties: member 'bar' is not declared, and additionalProperties is false (schema #/additionalProperties at schema.yaml:2:40)"#
                ])
        }
        #expect(segment == nil)
    }
}

/// schema-validator: a `minLength` too large for any string overflowed the synthesizer's
/// arithmetic (a trap) and would have asked for gigabytes; the validator's UTF-8 shortcut
/// overflowed the same way.
@Suite("Fuzz findings stay fixed: bounds beyond any instance")
struct HugeBoundTests {
    @Test(
        "a huge minLength or minItems is refused in words, and no value is made for it",
        arguments: [
            #"{"type": "string", "minLength": 277777777777777777777777777777777777777777777777777}"#,
            #"{"type": "string", "oneOf": [{"minLength": 277777777777777777777777777777777777777777777777777}, {"maxLength": 3}]}"#,
            #"{"type": "array", "minItems": 9223372036854775807}"#,
        ])
    func hugeBounds(schema: String) {
        let checker = validator(schema)
        #expect(!checker.isValid(.string("short")))
        var synthesizer = ValueSynthesizer(seed: 1)
        let made = synthesizer.value(for: checker)
        #expect(made.map { checker.isValid($0) } ?? true)
        _ = synthesizer.bestEffort(for: checker)
    }

    @Test("the message for a string below a huge minLength")
    func message() {
        #expect(
            validator(#"{"minLength": 9223372036854775807}"#).validate(.string("abc")).map(\.description) == [
                #"#: minLength: expected at least 9223372036854775807 characters, found 3 ("abc") (schema #/minLength at schema.yaml:1:2)"#
            ])
    }
}

/// schema-validator: `oneOf` branches that refer back to their own schema without reading
/// any of the instance ran until the depth limit, branching at every step (3^200 steps for
/// three branches): a timeout. A reference entered again at the same place now ends there.
@Suite("Fuzz findings stay fixed: references that loop in place")
struct ReferenceLoopTests {
    @Test("branches that loop in place end at once, in words")
    func loopInPlace() {
        let checker = validator(##"{"oneOf": [{"$ref": "#"}, {"$ref": "#"}, {"$ref": "#"}]}"##)
        #expect(
            checker.validate(json("{}")).map(\.description) == [
                #"#: oneOf: expected exactly one of the 3 oneOf schemas to match, none did (schema #/oneOf at schema.yaml:1:2)"#,
                #"#: $ref: references loop without end: expected a schema whose references lead somewhere (schema #/oneOf/0/$ref at schema.yaml:1:13)"#,
                #"#: $ref: references loop without end: expected a schema whose references lead somewhere (schema #/oneOf/1/$ref at schema.yaml:1:28)"#,
                #"#: $ref: references loop without end: expected a schema whose references lead somewhere (schema #/oneOf/2/$ref at schema.yaml:1:43)"#,
            ])
    }

    @Test("recursion that reads the instance still follows it to the bottom")
    func recursionDescends() {
        let checker = validator(##"{"properties": {"next": {"$ref": "#"}}, "required": ["value"]}"##)
        #expect(checker.isValid(json(#"{"value": 1, "next": {"value": 2, "next": {"value": 3}}}"#)))
        #expect(
            checker.validate(json(#"{"value": 1, "next": {"next": {"value": 3}}}"#)).map(\.description) == [
                #"#/next: required: required member 'value' is missing (schema #/required at schema.yaml:1:41)"#
            ])
    }
}

/// schema-validator: making a value for a schema whose `oneOf` branches and members refer back
/// to it searched every branch at every level of its own recursion (over 10 s for one
/// schema). A schema met again inside its own value now gets its plainest value.
@Suite("Fuzz findings stay fixed: synthesis of self-referring schemas")
struct RecursiveSynthesisTests {
    @Test("a recursive member is made plainly after its first level")
    func recursiveMember() {
        let checker = validator(
            ##"""
            {"type": "object", "required": ["name"],
             "properties": {"name": {"type": "string"}, "child": {"$ref": "#"}},
             "oneOf": [{"required": ["left"]}, {"required": ["right"]}, {"not": {"required": ["left", "right"]}}]}
            """##)
        var synthesizer = ValueSynthesizer(seed: 1)
        let made = synthesizer.bestEffort(for: checker)
        func depth(_ value: JSONValue?) -> Int { value.map { 1 + depth($0["child"]) } ?? 0 }
        #expect(depth(made) <= 3, "the recursion stops early: \(made)")
        #expect(made["name"] != nil)
    }
}
