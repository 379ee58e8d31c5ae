import BusinessRules
import Foundation
import OpenAPIModel
import OrderedCollections
import SchemaValidation

/// One operation of the document, compiled for serving: validators for its inputs and its
/// documented responses, and the business rules it enacts.
struct OperationHandler: Sendable {
    /// A documented response, ready to fill.
    struct ResponseTemplate: Sendable {
        var key: String
        var status: Int
        var mediaType: String?
        var validator: SchemaValidator?
        /// The documented example, else one synthesized from the schema.
        var body: JSONValue?
        var headers: [(name: String, kind: HeaderKind)]
    }

    /// What the mock sends for a documented response header.
    enum HeaderKind: Sendable {
        /// A plain string: a new id for every answer (as `X-PB-TransactionId` is).
        case identifier
        /// A value made from the header's schema (a date-time, a number, an enum value).
        case fixed(String)
        /// Nothing the schema accepts could be made: left out.
        case omitted
    }

    var entry: OperationEntry
    /// How its requests are read and judged.
    var inputs: RequestInputs
    var responses: [String: ResponseTemplate]
    var successKey: String?
    var rules: OperationRules?
    /// Each alternative is a set of scheme names that together authorize; empty: no security.
    var security: [[(name: String, scheme: SecurityScheme)]]

    /// `formats`: how it reads formats in requests, and so in what it answers with them.
    init(entry: OperationEntry, document: OpenAPIDocument, compiler: SchemaCompiler, rules: BusinessRules, seed: UInt64, formats: FormatReading) {
        self.entry = entry
        let operation = entry.operation
        inputs = RequestInputs(entry: entry, compiler: compiler, formats: formats)
        var synthesizer = ValueSynthesizer(seed: seed)
        var responses: [String: ResponseTemplate] = [:]
        for (key, response) in operation.responses.byStatus {
            let content = response.jsonContent ?? response.content.elements.first.map { ($0.key, $0.value) }
            let validator = content?.content.schema.map(compiler.validator(for:))
            let example = content?.content.allExamples.first.map { JSONValue($0.value) }
            let documented = example.flatMap { value in validator.map { $0.isValid(value, direction: .response) } ?? true ? value : nil }
            // A schema nothing satisfies (overlapping oneOf branches, say) still gets the
            // documented example, so the answer shows what the document says.
            responses[key] = ResponseTemplate(
                key: key, status: Responses.representativeStatus(of: key), mediaType: content?.mediaType, validator: validator,
                body: documented ?? validator.flatMap { synthesizer.value(for: $0, direction: .response) } ?? example
                    ?? validator.map { synthesizer.bestEffort(for: $0, direction: .response) },
                headers: response.headers.map { name, header in
                    guard let validator = header.schema.map(compiler.validator(for:)) else { return (name, .identifier) }
                    let shape = validator.shape
                    if shape.types == ["string"], shape.format == nil, shape.pattern == nil, shape.enumeration.isEmpty {
                        return (name, .identifier)
                    }
                    // Written as OpenAPI serializes a header (`simple` style): `a,b` for a list.
                    let style = ParameterCoding.Style(name: name, style: "simple", explode: header.explode ?? false)
                    let value = synthesizer.value(for: validator, direction: .response)
                    return (name, value.map { .fixed(ParameterCoding.text($0, style)) } ?? .omitted)
                })
        }
        self.responses = responses
        // The documented success: 200, another 2xx, else the lowest documented redirect.
        let successKeys = operation.responses.byStatus.keys.filter { $0.hasPrefix("2") }
        successKey =
            successKeys.first { $0 == "200" } ?? successKeys.first
            ?? operation.responses.byStatus.keys.filter { $0.hasPrefix("3") && Int($0) != nil }.min()
        self.rules = rules.rules(for: operation.operationId)
        let schemes = document.components.securitySchemes
        security = entry.security.map { requirement in
            requirement.schemes.keys.compactMap { name in schemes[name].map { (name, $0) } }
        }
    }

    /// `application/json; charset=utf-8` → `application/json`.
    static func essence(_ mediaType: String) -> String {
        MediaTypeName.essence(mediaType)
    }

    /// The documented response for a status: its exact code, else its range, else `default`.
    func template(for status: Int) -> ResponseTemplate? {
        Responses.documentingKey(for: status) { responses[$0] != nil }.flatMap { responses[$0] }
    }
}
