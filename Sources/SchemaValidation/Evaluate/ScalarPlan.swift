/// A schema that only constrains a value by itself (`type`, `format`, `minLength`,
/// `maxLength`), folded into plain values at compile time: the quick check judges a member
/// against it in place, without looking the schema up or walking its keywords (each of which
/// costs reference counting on every member of every object).
struct ScalarPlan: Sendable {
    /// `TypeCheck`'s bits; every type when the schema has no `type`.
    var types: UInt8 = 0x7F
    var format: FormatRule?
    /// Whether the format is asserted even when the caller only annotates formats.
    var formatAlways = false
    var minLength = 0
    var maxLength = Int.max

    /// The plan of a schema with these keywords, or `nil` when one of them needs more (an
    /// applicator, a pattern, an enumeration, a number bound).
    init?(_ keywords: [Keyword]) {
        for keyword in keywords {
            switch keyword.kind {
            case .type(let check): types = check.bits
            case .format(let check, let always):
                format = check.rule
                formatAlways = always
            case .minLength(let limit): minLength = limit
            case .maxLength(let limit): maxLength = limit
            default: return nil
            }
        }
    }

    /// The same answer the schema's keywords give.
    func holds(_ value: JSONValue, assertFormats: Bool) -> Bool {
        withUnsafePointer(to: value) { holds($0, assertFormats: assertFormats) }
    }

    /// The answer for a value read in place (a member of an object being checked): only the
    /// parts a keyword needs are copied out of it, never the whole value.
    func holds(_ value: UnsafePointer<JSONValue>, assertFormats: Bool) -> Bool {
        guard TypeCheck.accepts(value.pointee, bits: types) else { return false }
        if let format, assertFormats || formatAlways, !format.holds(value.pointee) { return false }
        guard minLength > 0 || maxLength < Int.max, case .string(let text) = value.pointee else { return true }
        return Assertions.lengthAtLeast(text, minLength) && Assertions.lengthAtMost(text, maxLength)
    }
}
