import FoundationEssentials

/// The judgements of keywords that look at the instance alone, shared by the full evaluation
/// (which then explains a failure) and the quick check (which only needs the answer).
enum Assertions {
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

    /// `maximum` (and draft-04's `exclusiveMaximum` beside it).
    static func atMost(_ number: JSONNumber, _ limit: JSONNumber, exclusive: Bool) -> Bool {
        let order = JSONNumber.compare(number, limit)
        return order == .orderedAscending || (order == .orderedSame && !exclusive)
    }

    /// `minimum` (and draft-04's `exclusiveMinimum` beside it).
    static func atLeast(_ number: JSONNumber, _ limit: JSONNumber, exclusive: Bool) -> Bool {
        let order = JSONNumber.compare(number, limit)
        return order == .orderedDescending || (order == .orderedSame && !exclusive)
    }

    /// `uniqueItems`: the first item equal to an earlier one, with that earlier one's index.
    static func firstRepeat(in items: [JSONValue]) -> (index: Int, first: Int)? {
        var seen: [JSONValue: Int] = [:]
        for (index, item) in items.enumerated() {
            if let first = seen[item] { return (index, first) }
            seen[item] = index
        }
        return nil
    }
}

extension RequiredMembers {
    /// Whether a missing member is excused in this direction: `readOnly` members are not sent
    /// in requests, `writeOnly` ones not returned in responses.
    func excuses(_ name: String, _ direction: Direction) -> Bool {
        (direction == .request && readOnly.contains(name)) || (direction == .response && writeOnly.contains(name))
    }
}

extension PropertySet {
    /// Whether a present member breaks its direction: a `readOnly` one in a request, a
    /// `writeOnly` one in a response.
    func forbids(_ name: String, _ direction: Direction) -> Bool {
        switch direction {
        case .request: !readOnly.isEmpty && readOnly.contains(name)
        case .response: !writeOnly.isEmpty && writeOnly.contains(name)
        case .none: false
        }
    }
}
