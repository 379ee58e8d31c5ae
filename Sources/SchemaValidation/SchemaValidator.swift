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
    ///   - formats: how `format` is read: by the validator's one reading (OpenAPI contracts'
    ///     requests), by any documented reading (answers), or as an annotation only (JSON
    ///     Schema 2020-12's default).
    public func validate(_ instance: JSONValue, direction: Direction = .none, formats: FormatReading = .strict) -> [ValidationError] {
        // Most instances are valid: a quick pass that only answers yes or no settles them
        // without building paths or errors.
        if quickVerdict(instance, direction: direction, formats: formats) == true { return [] }
        return evaluateFully(instance, direction: direction, formats: formats)
    }

    /// The quick pass alone: whether `instance` is valid where it can tell, `nil` where only
    /// the full evaluation can (always, when annotations such as `unevaluatedProperties` are
    /// at stake). Open to tests and fuzzing, which hold it to the full evaluation's answer.
    @_spi(Testing)
    public func quickVerdict(_ instance: JSONValue, direction: Direction = .none, formats: FormatReading = .strict) -> Bool? {
        guard !tracksAnnotations else { return nil }
        var quick = QuickCheck(graph: graph, direction: direction, formats: formats, root: rootID)
        return quick.check(rootID, instance, depth: 0, nesting: 0)
    }

    /// Every error, by the full evaluation (which `validate` skips when the quick pass finds
    /// the instance valid). Open to tests and fuzzing.
    @_spi(Testing)
    public func evaluateFully(_ instance: JSONValue, direction: Direction = .none, formats: FormatReading = .strict) -> [ValidationError] {
        var context = Evaluation(graph: graph, direction: direction, formats: formats, tracksAnnotations: tracksAnnotations)
        var evaluated = Evaluated()
        // The root is being evaluated at the instance's root: a reference back to it from
        // there is a loop.
        context.references.append(context.referenceEntry(rootID))
        _ = Evaluator.evaluate(rootID, instance, &context, &evaluated)
        return context.errors
    }

    /// Whether `instance` is valid: the quick pass's answer, else the full evaluation's (no
    /// errors are needed, so an instance the quick pass refuses costs no second pass).
    public func isValid(_ instance: JSONValue, direction: Direction = .none, formats: FormatReading = .strict) -> Bool {
        quickVerdict(instance, direction: direction, formats: formats)
            ?? evaluateFully(instance, direction: direction, formats: formats).isEmpty
    }
}
