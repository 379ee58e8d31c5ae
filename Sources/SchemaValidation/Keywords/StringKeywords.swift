/// `maxLength`, `minLength`, `pattern` and `format`: what a string may be; other values meet
/// them (a format judges the values its rule names). The quick pass asks `holds`, the full
/// evaluation `failure`; `ScalarPlan` folds these with `type` for members judged in place.
enum StringKeywords {
    /// Whether `instance` meets the keyword; `formats`: how a format is read here.
    @inline(__always) static func holds(_ keyword: Keyword, _ instance: JSONValue, formats: FormatReading) -> Bool {
        switch keyword.kind {
        case .format(let check, let always):
            return check.rule.holds(instance, formats: formats, always: always)
        case .maxLength(let limit):
            guard case .string(let text) = instance else { return true }
            return lengthAtMost(text, limit)
        case .minLength(let limit):
            guard case .string(let text) = instance else { return true }
            return lengthAtLeast(text, limit)
        case .pattern(let pattern):
            guard case .string(let text) = instance else { return true }
            return pattern.matches(text)
        default:
            return true
        }
    }

    /// Why `instance` does not meet the keyword; `nil` when it does.
    @inline(__always) static func failure(_ keyword: Keyword, _ instance: JSONValue, formats: FormatReading) -> String? {
        guard !holds(keyword, instance, formats: formats) else { return nil }
        switch keyword.kind {
        case .format(let check, _):
            return "expected \(check.expectation(formats)), found \(instance.truncatedText())"
        case .maxLength(let limit):
            return "expected at most \(limit) characters, found \(instance.stringValue?.unicodeScalars.count ?? 0)"
        case .minLength(let limit):
            return "expected at least \(limit) characters, found \(instance.stringValue?.unicodeScalars.count ?? 0)\(Describe.brief(instance))"
        case .pattern(let pattern):
            return "expected a string matching /\(pattern.source)/, found \(instance.truncatedText())"
        default:
            return nil
        }
    }

    /// `maxLength`: no more characters than UTF-8 bytes, so most texts are decided without
    /// counting.
    static func lengthAtMost(_ text: String, _ limit: Int) -> Bool {
        text.utf8.count <= limit || text.unicodeScalars.count <= limit
    }

    /// `minLength`: at least a quarter as many characters as UTF-8 bytes (divided, so a huge
    /// limit cannot overflow).
    static func lengthAtLeast(_ text: String, _ limit: Int) -> Bool {
        text.utf8.count / 4 >= limit || text.unicodeScalars.count >= limit
    }
}

/// A schema that only constrains a value by itself (`type`, `format`, `minLength`,
/// `maxLength`), folded into plain values at compile time: the quick pass judges a member
/// against it without looking the schema up or walking its keywords (each of which costs
/// reference counting on every member of every object). It answers with the same judgements
/// as the keywords it folds.
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
    @inline(__always) func holds(_ value: JSONValue, formats: FormatReading) -> Bool {
        guard TypeCheck.accepts(value, bits: types) else { return false }
        if let format, !format.holds(value, formats: formats, always: formatAlways) { return false }
        guard minLength > 0 || maxLength < Int.max, case .string(let text) = value else { return true }
        return StringKeywords.lengthAtLeast(text, minLength) && StringKeywords.lengthAtMost(text, maxLength)
    }
}
