import YAMLSource

/// Follows every `$ref` reachable from the document's schemas, loading the files they name
/// (each once) and reporting the ones that lead nowhere; recursive schemas end because each
/// schema is visited once.
struct SchemaReferenceCheck {
    private let context: DecodingContext
    private let dialect: SchemaDialect
    private let single: Set<String>
    private let array: Set<String>
    private let map: Set<String>
    private var visited: Set<String> = []

    init(context: DecodingContext) {
        self.context = context
        self.dialect = context.version.schemaDialect
        self.single = SchemaKeywords.single(dialect)
        self.array = SchemaKeywords.array(dialect)
        self.map = SchemaKeywords.map(dialect)
    }

    mutating func run(_ schemas: [Schema]) {
        for schema in schemas {
            visit(Position(node: schema.node, file: schema.location.file, pointer: schema.location.pointer))
        }
    }

    private mutating func visit(_ position: Position) {
        guard let entries = position.node.mapping else { return }
        guard visited.insert("\(position.file)#\(position.pointer)").inserted else { return }
        // A 2020-12 `$id` changes the base URI of the references below it; the validator
        // resolves those, so the loader does not guess.
        if dialect == .jsonSchema2020_12, position.node["$id"] != nil, !position.pointer.tokens.isEmpty { return }
        if let refNode = position.node["$ref"] {
            follow(refNode, at: position.child("$ref", refNode))
            if dialect == .openAPI30 { return }  // 3.0 ignores a `$ref`'s siblings
        }
        if let mapping = position.node["discriminator"]?["mapping"]?.mapping {
            for entry in mapping {
                guard let value = entry.value.string, let key = entry.key.scalar?.text else { continue }
                let ref = value.contains("/") || value.contains("#") ? value : "#/components/schemas/\(value)"
                let at = position.child("discriminator", entry.value).child("mapping", entry.value).child(key, entry.value)
                follow(Node(.scalar(Scalar(text: ref, style: .doubleQuoted)), mark: entry.value.mark), at: at)
            }
        }
        for entry in entries {
            guard let key = entry.key.scalar?.text else { continue }
            let child = position.child(key, entry.value)
            if single.contains(key) {
                if let items = entry.value.sequence {  // draft-4 style tuple `items`
                    for (index, item) in items.enumerated() { visit(child.child(index, item)) }
                } else {
                    visit(child)
                }
            } else if array.contains(key), let items = entry.value.sequence {
                for (index, item) in items.enumerated() { visit(child.child(index, item)) }
            } else if map.contains(key), let members = entry.value.mapping {
                for member in members {
                    guard let name = member.key.scalar?.text else { continue }
                    visit(child.child(name, member.value))
                }
            }
        }
    }

    private mutating func follow(_ refNode: Node, at position: Position) {
        guard let ref = refNode.string else {
            context.error("'$ref' must be a string, found \(refNode.kindDescription)", at: position)
            return
        }
        guard let (target, node) = context.registry.resolve(ref, from: position.file, at: refNode.mark, pointer: position.pointer) else {
            return
        }
        guard node.mapping != nil || (dialect == .jsonSchema2020_12 && node.scalar?.kind == .bool) else {
            context.error(
                "'$ref: \(ref)' leads to \(node.kindDescription) at \(target.mark): expected a schema",
                at: position)
            return
        }
        visit(Position(node: node, file: target.file, pointer: target.pointer))
    }
}
