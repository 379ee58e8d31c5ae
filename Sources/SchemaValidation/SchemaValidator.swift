/// A compiled schema, ready to validate many instances; immutable and safe to share.
public struct SchemaValidator: Sendable {
    let root: CompiledSchema
    let tracksAnnotations: Bool

    init(root: CompiledSchema, tracksAnnotations: Bool) {
        self.root = root
        self.tracksAnnotations = tracksAnnotations
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
        var context = Evaluation(direction: direction, assertFormats: assertFormats, tracksAnnotations: tracksAnnotations)
        var evaluated = Evaluated()
        _ = Evaluator.evaluate(root, instance, &context, &evaluated)
        return context.errors
    }

    public func isValid(_ instance: JSONValue, direction: Direction = .none, assertFormats: Bool = true) -> Bool {
        validate(instance, direction: direction, assertFormats: assertFormats).isEmpty
    }
}
