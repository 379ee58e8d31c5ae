import OrderedCollections
import YAMLSource

/// A design-time link from a response to another operation.
public struct Link: Sendable, Referenceable {
    public var operationRef: String?
    public var operationId: String?
    /// Parameter values or runtime expressions, raw.
    public var parameters: OrderedDictionary<String, Node>
    public var requestBody: Node?
    public var description: String?
    public var server: Server?
    public var extensions: Extensions
    public var location: Location
    public var reference: Reference?

    static let typeName = "a Link object"

    init?(decoding position: Position, context: DecodingContext) {
        guard var reader = ObjectReader(position, context, Self.typeName) else { return nil }
        operationRef = reader.string("operationRef")
        operationId = reader.string("operationId")
        parameters = reader.map("parameters") { _, position, _ in position.node } ?? [:]
        requestBody = reader.raw("requestBody")
        description = reader.string("description")
        server = reader.object("server", Server.decode)
        extensions = reader.finish()
        location = position.location
        if (operationRef == nil) == (operationId == nil) {
            context.error("a link needs exactly one of 'operationRef' and 'operationId'", at: position.location)
        }
    }

    mutating func overrideDescription(_ description: String) { self.description = description }
}
