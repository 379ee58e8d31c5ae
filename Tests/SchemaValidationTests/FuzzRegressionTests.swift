@testable import SchemaValidation
import Testing

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
            let checker = validator(#"""
                {"$schema": "https://json-schema.org/draft/2020-12/schema",
                 "properties": {"foo": {"$ref": "#"}}, "additionalProperties": false}
                """#)
            segment = checker.graph.segments.first
            #expect(checker.isValid(json(#"{"foo": false}"#)))
            #expect(checker.validate(json(#"{"foo": {"foo": {"bar": 1}}}"#)).map(\.description) == [
                #"#/foo/foo/bar: additionalProperties: member 'bar' is not declared, and additionalProperties is false (schema #/additionalProperties at schema.yaml:2:40)"#,
            ])
        }
        #expect(segment == nil)
    }
}
