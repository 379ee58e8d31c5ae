import OrderedCollections
import YAMLSource

/// Where a parameter travels.
public enum ParameterLocation: String, Sendable, CaseIterable {
    case query, header, path, cookie
    /// OpenAPI 3.2: the whole query string as one value.
    case querystring
}

/// One parameter of an operation: its name, where it goes, how it is serialized and its schema
/// (or content).
public struct Parameter: Sendable, Referenceable {
    /// `name`: its name.
    public var name: String
    /// Where the object is written.
    public var location: ParameterLocation
    /// `description`: CommonMark text.
    public var description: String?
    /// `required`: whether it must be given.
    public var required: Bool
    /// `deprecated`: whether users should stop using it.
    public var deprecated: Bool
    /// `allowEmptyValue`: whether an empty value may be sent.
    public var allowEmptyValue: Bool
    /// As written; `effectiveStyle` applies the default for the location.
    public var style: String?
    /// `explode`: whether arrays and objects become one pair per item; `nil` when not written.
    public var explode: Bool?
    /// `allowReserved`: whether reserved characters go unencoded.
    public var allowReserved: Bool
    /// `schema`: the value's schema, raw.
    public var schema: Schema?
    /// `content`: the value by media type, instead of a schema.
    public var content: OrderedDictionary<String, MediaType>?
    /// `example`: one example value, raw.
    public var example: Node?
    /// `examples`: named examples.
    public var examples: OrderedDictionary<String, Example>
    /// The `x-` extensions, as written.
    public var extensions: Extensions
    /// Where the Parameter object itself is written.
    public var objectLocation: Location
    /// The `$ref` it was reached through, when it was.
    public var reference: Reference?

    static let typeName = "a Parameter object"

    /// Every example the parameter gives, its single `example` first, then `examples` by name.
    public var allExamples: [(name: String, value: Node)] { Example.listed(example, examples) }

    /// `form` for query and cookie parameters, `simple` for path and header ones.
    public var effectiveStyle: String {
        style ?? (location == .query || location == .cookie ? "form" : "simple")
    }

    /// `true` for `form` style unless stated.
    public var effectiveExplode: Bool { explode ?? (effectiveStyle == "form") }

    init?(decoding position: Position, context: DecodingContext) {
        guard var reader = ObjectReader(position, context, Self.typeName) else { return nil }
        name = reader.string("name", required: true) ?? ""
        let locationField = reader.field("in", required: true)
        let locationText = locationField.flatMap { ObjectReader.string(at: $0, context) }
        var location = locationText.flatMap(ParameterLocation.init(rawValue:))
        if let locationText, let locationField {
            if location == nil || (location == .querystring && !context.version.isAtLeast(.v3_2)) {
                let allowed = context.version.isAtLeast(.v3_2) ? "query, querystring, header, path or cookie" : "query, header, path or cookie"
                context.error("'in' must be one of \(allowed), found '\(locationText)'", at: locationField)
                location = nil
            }
        }
        // Without a valid location the other fields cannot be judged.
        guard let location else { return nil }
        self.location = location
        description = reader.string("description")
        let required = reader.bool("required")
        if location == .path, required == false {
            context.error("path parameter '\(name)' must say 'required: true'", at: position.location)
        } else if location == .path, required == nil {
            // The meaning is not in doubt, and generators leave it out (flasgger).
            context.warning(
                "path parameter '\(name)' should say 'required: true'; it is read as required, as a path parameter always is",
                at: position.location)
        }
        self.required = location == .path || (required ?? false)
        deprecated = reader.bool("deprecated") ?? false
        allowEmptyValue = reader.bool("allowEmptyValue") ?? false
        style = reader.string("style")
        explode = reader.bool("explode")
        allowReserved = reader.bool("allowReserved") ?? false
        schema = reader.object("schema", Schema.decode)
        content = reader.map("content") { _, position, context in MediaType.decode(position, context) }
        example = reader.raw("example")
        examples = reader.map("examples") { _, position, context in context.decodeReferenceable(position) as Example? } ?? [:]
        extensions = reader.finish()
        objectLocation = position.location
        SerializedValueRules.check(schema: schema, content: content, owner: "parameter '\(name)'", at: position, context)
    }

    mutating func overrideDescription(_ description: String) { self.description = description }
}

/// Rules parameters and headers share.
enum SerializedValueRules {
    /// Exactly one of `schema` and `content`, and `content` with exactly one media type.
    static func check(
        schema: Schema?, content: OrderedDictionary<String, MediaType>?, owner: String,
        at position: Position, _ context: DecodingContext
    ) {
        switch (schema, content) {
        case (nil, nil):
            context.error("\(owner) needs either 'schema' or 'content'", at: position.location)
        case (_?, _?):
            context.error("\(owner) has both 'schema' and 'content': expected only one of them", at: position.location)
        case (nil, let content?) where content.count != 1:
            context.error("'content' of \(owner) must hold exactly one media type, found \(content.count)", at: position.location)
        default:
            break
        }
    }
}
