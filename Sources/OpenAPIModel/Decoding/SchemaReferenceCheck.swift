import OrderedCollections
import YAMLSource

/// Follows every `$ref` reachable from the document's schemas, loading the files they name
/// (each once) and reporting the ones that lead nowhere, and loops of schemas that apply to the
/// same value, schemas no value can satisfy and types no JSON type is named by; recursive
/// schemas end because each schema node is visited once.
///
/// The walk is the hot part of loading a large document, so it tracks nodes by their marks
/// and works out a JSON pointer only for a problem it reports.
struct SchemaReferenceCheck {
    private let context: DecodingContext
    private let dialect: SchemaDialect
    private let single: Set<String>
    private let array: Set<String>
    private let map: Set<String>
    private var visited: Set<NodeID> = []
    private var loops: ReferenceLoopCheck

    init(context: DecodingContext) {
        self.context = context
        self.loops = ReferenceLoopCheck(context: context)
        self.dialect = context.version.schemaDialect
        self.single = SchemaKeywords.single(dialect)
        self.array = SchemaKeywords.array(dialect)
        self.map = SchemaKeywords.map(dialect)
    }

    /// Schemas met and not yet visited: a worklist rather than recursion, so a chain of
    /// references through thousands of files costs no stack.
    private var pending: [(node: Node, file: String, isResourceRoot: Bool)] = []

    mutating func run(_ schemas: [Schema]) {
        for schema in schemas {
            pending.append((schema.node, schema.location.file, true))
            while let next = pending.popLast() {
                visit(next.node, file: next.file, isResourceRoot: next.isResourceRoot)
            }
        }
    }

    /// Checks one schema object and puts the schemas under it (and those its `$ref`s name) on
    /// the worklist.
    private mutating func visit(_ node: Node, file: String, isResourceRoot: Bool = false) {
        guard case .mapping(let entries) = node.content else { return }
        guard visited.insert(node.id).inserted else { return }
        // A 2020-12 `$id` below a schema's root changes the base URI of the references under
        // it; the validator resolves those, so the loader does not guess.
        if dialect == .jsonSchema2020_12, !isResourceRoot, node["$id"] != nil { return }
        loops.search(from: node, file: file)
        if let refNode = node["$ref"] {
            guard let ref = refNode.string else {
                context.error(
                    "'$ref' must be a string, found \(refNode.kindDescription)",
                    at: Location(mark: refNode.mark, pointer: pointer(to: refNode, in: file)))
                return
            }
            follow(ref, writtenAt: refNode, file: file)
            if dialect == .openAPI30 { return }  // 3.0 ignores a `$ref`'s siblings
        }
        reportOwnProblems(node, file: file)
        if let mapping = node["discriminator"]?["mapping"]?.mapping {
            for entry in mapping {
                guard let value = entry.value.string else { continue }
                let ref = value.contains("/") || value.contains("#") ? value : "#/components/schemas/\(value)"
                follow(ref, writtenAt: entry.value, file: file)
            }
        }
        for entry in entries {
            guard case .scalar(let key) = entry.key.content else { continue }
            if single.contains(key.text) {
                if case .sequence(let items) = entry.value.content {  // draft-4 style tuple `items`
                    for item in items { pending.append((item, file, false)) }
                } else {
                    pending.append((entry.value, file, false))
                }
            } else if array.contains(key.text), case .sequence(let items) = entry.value.content {
                for item in items { pending.append((item, file, false)) }
            } else if map.contains(key.text), case .mapping(let members) = entry.value.content {
                for member in members { pending.append((member.value, file, false)) }
            }
        }
    }

    /// What is wrong with the schema object by its own keywords.
    private func reportOwnProblems(_ node: Node, file: String) {
        var problems = UnsatisfiableSchemaCheck.problems(in: node, dialect: dialect)
        if let problem = SchemaTypeCheck.problem(in: node, dialect: dialect) { problems.insert(problem, at: 0) }
        for problem in problems {
            context.error(problem.message, at: Location(mark: problem.at.mark, pointer: pointer(to: problem.at, in: file)))
        }
    }

    /// Follows `ref`, written as (or implied by) `refNode`.
    private mutating func follow(_ ref: String, writtenAt refNode: Node, file: String) {
        guard
            let (target, node) = context.registry.resolve(
                ref, from: file, at: refNode.mark, pointer: pointer(to: refNode, in: file))
        else { return }
        guard node.isMapping || (dialect == .jsonSchema2020_12 && node.scalarKind == .bool) else {
            context.error(
                "'$ref: \(ref)' leads to \(node.kindDescription) at \(target.mark): expected a schema",
                at: Location(mark: refNode.mark, pointer: pointer(to: refNode, in: file)))
            return
        }
        pending.append((node, target.file, target.file != file))
    }

    /// Where a node sits, worked out only for a problem being reported.
    private func pointer(to node: Node, in file: String) -> JSONPointer {
        context.registry.map.files[file]?.root?.pointer(toNodeAt: node.mark) ?? .root
    }
}
