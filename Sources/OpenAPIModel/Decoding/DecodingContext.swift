import YAMLSource

/// State shared by one document's decoding: the version it declares, the files it spans,
/// the problems found so far, and the referenced objects already decoded.
final class DecodingContext {
    let version: OpenAPIVersion
    let registry: SourceRegistry
    /// Every schema met while decoding, so their `$ref`s can be checked afterwards.
    private(set) var schemas: [Schema] = []
    private var inProgress: Set<DecodedKey> = []
    private var decoded: [DecodedKey: Any] = [:]

    /// One referenced object decoded as one type (a node's mark names it in its file).
    private struct DecodedKey: Hashable {
        var type: ObjectIdentifier
        var target: NodeID
    }

    init(version: OpenAPIVersion, registry: SourceRegistry) {
        self.version = version
        self.registry = registry
    }

    func error(_ message: String, at position: Position) {
        error(message, at: Location(mark: position.node.mark, pointer: position.pointer))
    }

    /// `documentationOnly`: the error changes nothing that is sent or judged (a link naming a
    /// missing operation), so `run` goes on past it.
    func error(_ message: String, at location: Location, documentationOnly: Bool = false) {
        registry.report(.error(message, at: location.mark, pointer: location.pointer.description), documentationOnly: documentationOnly)
    }

    func warning(_ message: String, at position: Position) {
        warning(message, at: Location(mark: position.node.mark, pointer: position.pointer))
    }

    func warning(_ message: String, at location: Location) {
        registry.report(.warning(message, at: location.mark, pointer: location.pointer.description))
    }

    func schema(at position: Position) -> Schema {
        let schema = Schema(node: position.node, location: position.location, dialect: version.schemaDialect)
        schemas.append(schema)
        return schema
    }

    /// The node a `$ref` stands for where OpenAPI lists no reference (a whole operation, an
    /// info object, a description): followed as the common bundlers do, with a warning that
    /// names the place. Anything else is returned as it is.
    func followingStrayReference(_ position: Position, for what: @autoclosure () -> String) -> Position {
        var current = position
        var seen: Set<NodeID> = [position.node.id]
        for _ in 0..<16 {
            guard let entries = current.node.mapping, entries.contains(where: { $0.key.scalar?.text == "$ref" }),
                let refNode = current.node["$ref"], let ref = refNode.string
            else { return current }
            let refPosition = current.child("$ref", refNode)
            guard let (target, node) = registry.resolve(ref, from: current.file, at: refNode.mark, pointer: refPosition.pointer) else {
                return current
            }
            guard seen.insert(node.id).inserted else {
                error("'$ref: \(ref)' leads back to itself: expected a chain of references that ends at \(what())", at: refPosition)
                return current
            }
            warning(
                "'$ref' in place of \(what()): OpenAPI lists no reference here; it is loaded as the node it points to, as bundlers do",
                at: refPosition)
            current = Position(node: node, pointer: target.pointer, keyMark: current.keyMark)
        }
        error("'$ref' chain of more than 16 links: expected one that ends at \(what())", at: position)
        return current
    }

    /// Decodes an object that may be a Reference Object: follows `$ref` (once per target,
    /// guarding against cycles) and records where it was written.
    func decodeReferenceable<T: Referenceable>(_ position: Position) -> T? {
        guard let refNode = position.node["$ref"] else {
            return T(decoding: position, context: self)
        }
        let refPosition = position.child("$ref", refNode)
        guard let ref = refNode.string else {
            error("'$ref' must be a string, found \(refNode.kindDescription)", at: refPosition)
            return nil
        }
        guard let (target, node) = registry.resolve(ref, from: position.file, at: refNode.mark, pointer: refPosition.pointer) else {
            return nil
        }
        let key = DecodedKey(type: ObjectIdentifier(T.self), target: node.id)
        guard !inProgress.contains(key) else {
            error("'$ref: \(ref)' leads back to itself: expected a chain of references that ends at \(T.typeName)", at: refPosition)
            return nil
        }
        var value: T?
        if let cached = decoded[key] as? T {
            value = cached
        } else {
            inProgress.insert(key)
            let targetPosition = Position(node: node, pointer: target.pointer)
            value = decodeReferenceable(targetPosition)
            inProgress.remove(key)
            decoded[key] = value
        }
        value?.reference = Reference(ref: ref, mark: refNode.mark, target: target)
        if version.isAtLeast(.v3_1) {
            // A 3.1 Reference Object may override the target's summary and description.
            if let summary = position.node["summary"]?.string { value?.overrideSummary(summary) }
            if let description = position.node["description"]?.string { value?.overrideDescription(description) }
        }
        return value
    }
}

/// A model object that a Reference Object may stand for.
protocol Referenceable {
    /// "a Parameter object": how error messages name the type.
    static var typeName: String { get }
    init?(decoding position: Position, context: DecodingContext)
    var reference: Reference? { get set }
    mutating func overrideSummary(_ summary: String)
    mutating func overrideDescription(_ description: String)
}

extension Referenceable {
    mutating func overrideSummary(_ summary: String) {}
    mutating func overrideDescription(_ description: String) {}
}
