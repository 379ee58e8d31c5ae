import OrderedCollections

/// Reusable objects of every kind, by name.
public struct Components: Sendable {
    /// `schemas`: by name.
    public var schemas: OrderedDictionary<String, Schema> = [:]
    /// `responses`: its answers by status.
    public var responses: OrderedDictionary<String, Response> = [:]
    /// `parameters`: its parameters.
    public var parameters: OrderedDictionary<String, Parameter> = [:]
    /// `examples`: named examples.
    public var examples: OrderedDictionary<String, Example> = [:]
    /// `requestBodies`: by name.
    public var requestBodies: OrderedDictionary<String, RequestBody> = [:]
    /// `headers`: documented headers by name.
    public var headers: OrderedDictionary<String, Header> = [:]
    /// `securitySchemes`: the schemes, by name.
    public var securitySchemes: OrderedDictionary<String, SecurityScheme> = [:]
    /// `links`: links to other operations, by name.
    public var links: OrderedDictionary<String, Link> = [:]
    /// `callbacks`: requests the API may send back, by name.
    public var callbacks: OrderedDictionary<String, Callback> = [:]
    /// OpenAPI 3.1+.
    public var pathItems: OrderedDictionary<String, PathItem> = [:]
    /// OpenAPI 3.2.
    public var mediaTypes: OrderedDictionary<String, MediaType> = [:]
    /// The `x-` extensions, as written.
    public var extensions: Extensions = [:]

    /// No components.
    public init() {}

    static func decode(_ position: Position, _ context: DecodingContext) -> Components? {
        guard var reader = ObjectReader(position, context, "a Components object") else { return nil }
        var components = Components()
        components.schemas =
            reader.map("schemas") { name, position, context in
                checkName(name, position, context)
                return Schema.decode(position, context)
            } ?? [:]
        components.responses = referenceables(&reader, "responses")
        components.parameters = referenceables(&reader, "parameters")
        components.examples = referenceables(&reader, "examples")
        components.requestBodies = referenceables(&reader, "requestBodies")
        components.headers = referenceables(&reader, "headers")
        components.securitySchemes = referenceables(&reader, "securitySchemes")
        components.links = referenceables(&reader, "links")
        components.callbacks = referenceables(&reader, "callbacks")
        components.pathItems = referenceables(&reader, "pathItems", since: .v3_1)
        components.mediaTypes = referenceables(&reader, "mediaTypes", since: .v3_2)
        components.extensions = reader.finish()
        return components
    }

    private static func referenceables<T: Referenceable>(
        _ reader: inout ObjectReader, _ key: String, since version: OpenAPIVersion = .v3_0
    ) -> OrderedDictionary<String, T> {
        reader.map(key, since: version) { name, position, context in
            checkName(name, position, context)
            return context.decodeReferenceable(position) as T?
        } ?? [:]
    }

    /// Component names are restricted so they can be used in references and generated code.
    private static func checkName(_ name: String, _ position: Position, _ context: DecodingContext) {
        let allowed = name.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"):
                true
            default: false
            }
        }
        if !allowed || name.isEmpty {
            context.warning("component name '\(name)' should match ^[a-zA-Z0-9.\\-_]+$", at: position.location)
        }
    }
}
