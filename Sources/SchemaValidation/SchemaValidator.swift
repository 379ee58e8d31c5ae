/// A compiled schema, ready to validate many instances; immutable and safe to share.
public struct SchemaValidator: Sendable {
    /// Every schema the root can reach, sealed: nothing compiled later changes it.
    let graph: SchemaGraph
    let rootID: SchemaID
    let tracksAnnotations: Bool

    init(graph: SchemaGraph, root: SchemaID, tracksAnnotations: Bool) {
        self.graph = graph
        self.rootID = root
        self.tracksAnnotations = tracksAnnotations
    }

    var root: CompiledSchema { graph[rootID] }

    /// A validator for a schema of the same graph (a member's, a branch's).
    func validator(for id: SchemaID) -> SchemaValidator {
        SchemaValidator(graph: graph, root: id, tracksAnnotations: tracksAnnotations)
    }

    /// Where the schema was written.
    public var location: SchemaLocation { root.location }

    /// Every error of `instance`, in instance order; empty when it is valid.
    ///
    /// - Parameters:
    ///   - direction: `.request` rejects `readOnly` members, `.response` `writeOnly` ones.
    ///   - assertFormats: whether `format` is checked (OpenAPI contracts: yes) or only an
    ///     annotation (JSON Schema 2020-12's default).
    public func validate(_ instance: JSONValue, direction: Direction = .none, assertFormats: Bool = true) -> [ValidationError] {
        var context = Evaluation(graph: graph, direction: direction, assertFormats: assertFormats, tracksAnnotations: tracksAnnotations)
        var evaluated = Evaluated()
        // The root is being evaluated at the instance's root: a reference back to it from
        // there is a loop.
        context.references.append(context.referenceEntry(rootID))
        _ = Evaluator.evaluate(rootID, instance, &context, &evaluated)
        return context.errors
    }

    public func isValid(_ instance: JSONValue, direction: Direction = .none, assertFormats: Bool = true) -> Bool {
        validate(instance, direction: direction, assertFormats: assertFormats).isEmpty
    }
}
