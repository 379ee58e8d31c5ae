import FoundationEssentials

/// `multipleOf`, `maximum` and `minimum` (with draft-04's `exclusiveMaximum` and
/// `exclusiveMinimum` beside them): bounds on numbers; other values meet them. The quick pass
/// asks `holds`, the full evaluation `failure`.
enum NumberKeywords {
    /// Whether `instance` meets the keyword.
    @inline(__always) static func holds(_ keyword: Keyword, _ instance: JSONValue) -> Bool {
        guard case .number(let number) = instance else { return true }
        switch keyword.kind {
        case .multipleOf(let divisor): return number.isMultiple(of: divisor)
        case .maximum(let limit, let exclusive): return atMost(number, limit, exclusive: exclusive)
        case .minimum(let limit, let exclusive): return atLeast(number, limit, exclusive: exclusive)
        default: return true
        }
    }

    /// Why `instance` does not meet the keyword; `nil` when it does.
    @inline(__always) static func failure(_ keyword: Keyword, _ instance: JSONValue) -> String? {
        guard case .number(let number) = instance, !holds(keyword, instance) else { return nil }
        switch keyword.kind {
        case .multipleOf(let divisor): return "expected a multiple of \(divisor), found \(number)"
        case .maximum(let limit, let exclusive): return "expected a number \(exclusive ? "below" : "at most") \(limit), found \(number)"
        case .minimum(let limit, let exclusive): return "expected a number \(exclusive ? "above" : "at least") \(limit), found \(number)"
        default: return nil
        }
    }

    static func atMost(_ number: JSONNumber, _ limit: JSONNumber, exclusive: Bool) -> Bool {
        let order = JSONNumber.compare(number, limit)
        return order == .orderedAscending || (order == .orderedSame && !exclusive)
    }

    static func atLeast(_ number: JSONNumber, _ limit: JSONNumber, exclusive: Bool) -> Bool {
        let order = JSONNumber.compare(number, limit)
        return order == .orderedDescending || (order == .orderedSame && !exclusive)
    }
}
