/// `type`, `enum` and `const`: what a value may be, wherever it stands. The meaning is
/// written once: the quick pass asks `holds`, the full evaluation asks `failure`, which
/// explains what `holds` refused.
enum ValueKeywords {
    /// Whether `instance` meets the keyword.
    @inline(__always) static func holds(_ keyword: Keyword, _ instance: JSONValue) -> Bool {
        switch keyword.kind {
        case .type(let check): check.accepts(instance)
        case .enumeration(let values): values.contains(instance)
        case .const(let value): value == instance
        default: true
        }
    }

    /// Why `instance` does not meet the keyword; `nil` when it does.
    @inline(__always) static func failure(_ keyword: Keyword, _ instance: JSONValue) -> String? {
        guard !holds(keyword, instance) else { return nil }
        switch keyword.kind {
        case .type(let check):
            let expected = check.types.map(\.rawValue).joined(separator: " or ") + (check.nullable ? " or null" : "")
            return "expected \(expected), found \(instance.typeName)\(Describe.brief(instance))"
        case .enumeration(let values):
            return "expected one of \(Describe.list(values)), found \(instance.truncatedText())"
        case .const(let value):
            return "expected \(value.truncatedText()), found \(instance.truncatedText())"
        default:
            return nil
        }
    }
}
