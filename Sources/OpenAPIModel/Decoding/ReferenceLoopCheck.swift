import OrderedCollections
import YAMLSource

/// Finds loops of schemas that apply to the same value: `A` refers to `B` through `$ref`,
/// `allOf`, `anyOf`, `oneOf`, `not` or a conditional, and `B` back to `A`, with no keyword
/// between them that moves into the value (`properties`, `items`, ...). Validating against such
/// a schema never ends (JSON Schema 2020-12 section 9.4.1 leaves it undefined), so it is the
/// document's error, never the answer's.
///
/// The `oneOf`/`anyOf` of a schema with a `discriminator` are not followed: the discriminator
/// picks the branch, and the usual inheritance shape (`Pet` dispatching to `Dog`, `Dog` being
/// `allOf: [Pet, ...]`) is not a loop for the values it names.
struct ReferenceLoopCheck {
    private let context: DecodingContext
    private let dialect: SchemaDialect
    /// Nodes whose every in-place successor has been searched.
    private var finished: Set<NodeID> = []

    init(context: DecodingContext) {
        self.context = context
        self.dialect = context.version.schemaDialect
    }

    /// One step from a schema to another that applies to the same value.
    private struct Edge {
        var node: Node
        var file: String
        /// The `$ref` node the step follows, when it follows one.
        var reference: (text: String, node: Node, file: String)?
    }

    /// A schema on the search path, with the successors still to try.
    private struct Frame {
        var node: Node
        var file: String
        /// How the search came here.
        var entry: Edge?
        var successors: [Edge]
        var next = 0
    }

    /// Searches every in-place path from the schema `node` (in `file`), reporting each loop once.
    mutating func search(from node: Node, file: String) {
        guard node.isMapping, !finished.contains(node.id) else { return }
        var stack = [Frame(node: node, file: file, entry: nil, successors: successors(of: node, file: file))]
        var onPath: [NodeID: Int] = [node.id: 0]
        while let top = stack.last {
            guard top.next < top.successors.count else {
                finished.insert(top.node.id)
                onPath[top.node.id] = nil
                stack.removeLast()
                continue
            }
            let edge = top.successors[top.next]
            stack[stack.count - 1].next += 1
            if let start = onPath[edge.node.id] {
                report(loop: stack[start...].map(\.self), closedBy: edge)
                continue
            }
            guard !finished.contains(edge.node.id) else { continue }
            onPath[edge.node.id] = stack.count
            stack.append(Frame(node: edge.node, file: edge.file, entry: edge, successors: successors(of: edge.node, file: edge.file)))
        }
    }

    /// The schemas that apply to the same value as `node`.
    private func successors(of node: Node, file: String) -> [Edge] {
        guard let entries = node.mapping else { return [] }
        // A 2020-12 `$id` changes the base URI of the references below it; the validator
        // resolves those.
        if dialect == .jsonSchema2020_12, node["$id"] != nil { return [] }
        var edges: [Edge] = []
        if let refNode = node["$ref"], let ref = refNode.string,
            let (target, targetNode) = context.registry.resolve(ref, from: file, at: refNode.mark, pointer: pointer(to: refNode, in: file) ?? .root),
            targetNode.isMapping
        {
            edges.append(Edge(node: targetNode, file: target.file, reference: (ref, refNode, file)))
            if dialect == .openAPI30 { return edges }  // 3.0 ignores a `$ref`'s siblings
        }
        let dispatches = node["discriminator"] != nil
        for entry in entries {
            guard let key = entry.key.scalar?.text else { continue }
            switch key {
            case "allOf", "anyOf", "oneOf":
                guard key == "allOf" || !dispatches, let items = entry.value.sequence else { continue }
                edges += items.filter(\.isMapping).map { Edge(node: $0, file: file) }
            case "not":
                if entry.value.isMapping { edges.append(Edge(node: entry.value, file: file)) }
            case "if" where dialect == .jsonSchema2020_12, "then" where dialect == .jsonSchema2020_12,
                "else" where dialect == .jsonSchema2020_12:
                if entry.value.isMapping { edges.append(Edge(node: entry.value, file: file)) }
            case "dependentSchemas" where dialect == .jsonSchema2020_12:
                edges += (entry.value.mapping.map { Array($0) } ?? []).map(\.value).filter(\.isMapping).map { Edge(node: $0, file: file) }
            default:
                break
            }
        }
        return edges
    }

    /// Reports a loop at the last `$ref` on it (every loop passes through one: the document
    /// itself is a tree).
    private func report(loop frames: [Frame], closedBy closing: Edge) {
        let steps = frames.dropFirst().compactMap(\.entry) + [closing]
        guard let reference = steps.last(where: { $0.reference != nil })?.reference else { return }
        let places = (frames.map { (node: $0.node, file: $0.file) } + [(node: closing.node, file: closing.file)]).map { place in
            "#" + (pointer(to: place.node, in: place.file)?.description ?? "")
        }
        context.error(
            "'$ref: \(reference.text)' closes a loop of schemas that all apply to the same value (\(places.joined(separator: " → "))): validating against it would never end; expected the loop to pass through a keyword that moves into the value (properties, items, ...)",
            at: Location(mark: reference.node.mark, pointer: pointer(to: reference.node, in: reference.file) ?? .root))
    }

    /// Where a node sits, worked out only for a problem being reported.
    private func pointer(to node: Node, in file: String) -> JSONPointer? {
        context.registry.map.files[file]?.root?.pointer(toNodeAt: node.mark)
    }
}
