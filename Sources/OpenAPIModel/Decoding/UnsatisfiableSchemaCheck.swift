import YAMLSource

/// Schemas no value can satisfy, by their own keywords: a lower bound above its upper bound
/// (`minLength` over `maxLength`, `minimum` over `maximum`, ...) or an empty `enum`. Every
/// answer would fail such a schema and no request could pass it, so it is the document's
/// error, reported before anything is sent.
enum UnsatisfiableSchemaCheck {
    /// The problems of one schema object.
    static func problems(in node: Node, dialect: SchemaDialect) -> [(message: String, at: Node)] {
        var found: [(String, Node)] = []
        for (low, high) in [("minLength", "maxLength"), ("minItems", "maxItems"), ("minProperties", "maxProperties")] {
            if let lowNode = node[low], let highNode = node[high], let lower = lowNode.scalar?.double, let upper = highNode.scalar?.double,
                lower > upper
            {
                found.append(
                    (
                        "\(low) \(lowNode.scalar?.text ?? "") is above \(high) \(highNode.scalar?.text ?? ""): no value can satisfy this schema (expected \(low) ≤ \(high))",
                        lowNode
                    ))
            }
        }
        if let (lower, lowerExclusive, lowNode) = bound(node, "minimum", "exclusiveMinimum", dialect),
            let (upper, upperExclusive, _) = bound(node, "maximum", "exclusiveMaximum", dialect),
            lower > upper || (lower == upper && (lowerExclusive || upperExclusive))
        {
            let words = { (value: Double, exclusive: Bool, name: String) in "\(exclusive ? "an exclusive " : "a ")\(name) of \(value.formatted)" }
            found.append(
                (
                    "\(words(lower, lowerExclusive, "minimum")) and \(words(upper, upperExclusive, "maximum")) leave no number between them: no value can satisfy this schema (expected the minimum below the maximum)",
                    lowNode
                ))
        }
        if let values = node["enum"], let items = values.sequence, items.isEmpty {
            found.append(("an empty enum: no value can satisfy this schema (expected at least one value)", values))
        }
        return found
    }

    /// A lower or upper bound with its exclusivity: draft-04 style (`exclusiveMinimum: true`
    /// beside `minimum`) in OpenAPI 3.0, a number of its own in 2020-12.
    private static func bound(_ node: Node, _ inclusive: String, _ exclusive: String, _ dialect: SchemaDialect) -> (Double, Bool, Node)? {
        switch dialect {
        case .openAPI30:
            guard let valueNode = node[inclusive], let value = valueNode.scalar?.double else { return nil }
            return (value, node[exclusive]?.scalar?.bool == true, valueNode)
        case .jsonSchema2020_12:
            let inclusiveBound = node[inclusive].flatMap { valueNode in valueNode.scalar?.double.map { ($0, false, valueNode) } }
            let exclusiveBound = node[exclusive].flatMap { valueNode in valueNode.scalar?.double.map { ($0, true, valueNode) } }
            switch (inclusiveBound, exclusiveBound) {
            case let (some?, other?):
                // The tighter of the two.
                let lower = inclusive == "minimum"
                return (lower ? some.0 > other.0 : some.0 < other.0) ? some : other
            case let (some, other): return some ?? other
            }
        }
    }
}

extension Double {
    /// `5`, not `5.0`, for whole numbers.
    fileprivate var formatted: String {
        self == rounded() && abs(self) < 1e15 ? String(Int64(self)) : String(self)
    }
}
