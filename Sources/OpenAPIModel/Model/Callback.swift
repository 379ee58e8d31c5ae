import OrderedCollections
import YAMLSource

/// Requests the API may send back, keyed by a runtime expression for the URL.
public struct Callback: Sendable, Referenceable {
    /// The requests the API sends back, by runtime expression.
    public var pathItems: OrderedDictionary<String, PathItem>
    /// The `x-` extensions, as written.
    public var extensions: Extensions
    /// Where the object is written.
    public var location: Location
    /// The `$ref` it was reached through, when it was.
    public var reference: Reference?

    static let typeName = "a Callback object"

    init?(decoding position: Position, context: DecodingContext) {
        guard let entries = position.node.mapping else {
            context.error("expected \(Self.typeName) (a mapping), found \(position.node.kindDescription)", at: position)
            return nil
        }
        var pathItems: OrderedDictionary<String, PathItem> = [:]
        var extensions: Extensions = [:]
        for entry in entries {
            guard let key = entry.key.scalar?.text else { continue }
            if key.hasPrefix("x-") {
                extensions[key] = entry.value
            } else if let item: PathItem = context.decodeReferenceable(position.child(entry, named: key)) {
                pathItems[key] = item
            }
        }
        self.pathItems = pathItems
        self.extensions = extensions
        self.location = position.location
    }
}
