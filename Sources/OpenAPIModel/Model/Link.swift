import OrderedCollections
import YAMLSource

/// A design-time link from a response to another operation.
public struct Link: Sendable, Referenceable {
    /// `operationRef`: the linked operation, by reference.
    public var operationRef: String?
    /// `operationId`: its unique name.
    public var operationId: String?
    /// Parameter values or runtime expressions, raw.
    public var parameters: OrderedDictionary<String, Node>
    /// `requestBody`: the body it takes.
    public var requestBody: Node?
    /// `description`: CommonMark text.
    public var description: String?
    /// `server`: where the linked operation is served.
    public var server: Server?
    /// The `x-` extensions, as written.
    public var extensions: Extensions
    /// Where the object is written.
    public var location: Location
    /// The `$ref` it was reached through, when it was.
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
