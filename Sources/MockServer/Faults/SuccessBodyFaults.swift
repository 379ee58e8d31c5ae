import SchemaValidation
import YAMLSource

/// The faults in a success answer's form: its status, its Content-Type, and a body its schema
/// refuses or does not declare.

/// `wrong-success-status`: a success status the operation does not document.
struct WrongSuccessStatus: FaultBehaviour {
    static let summary = "a successful create answers a status the contract does not document (201 for 200)"

    func successStatus(_ status: Int, documented: Set<Int>) -> Int {
        [201, 200, 202, 203].first { !documented.contains($0) } ?? 299
    }
}

/// `wrong-content-type`: success answers labelled as text.
struct WrongContentType: FaultBehaviour {
    static let summary = "successful answers say Content-Type: text/plain"

    func successContentType(_ contentType: String) -> String { "text/plain; charset=utf-8" }
}

/// `missing-required-member`: the first required member left out.
struct MissingRequiredMember: FaultBehaviour {
    static let summary = "the success body leaves out its first required member"

    func successBody(_ body: JSONValue, shape: SchemaShape, uuid: () -> String) -> JSONValue {
        guard let first = shape.required.first else { return body }
        return body.setting(nil, at: JSONPointer(tokens: [first]))
    }
}

/// `wrong-member-type`: the first member that is a string by schema and by value becomes a number.
struct WrongMemberType: FaultBehaviour {
    static let summary = "the success body's first string member becomes a number"

    func successBody(_ body: JSONValue, shape: SchemaShape, uuid: () -> String) -> JSONValue {
        guard let name = shape.properties.first(where: { body[$0.name]?.stringValue != nil && $0.validator.shape.types == ["string"] })?.name
        else { return body }
        return body.setting(.number(JSONNumber(12345)), at: JSONPointer(tokens: [name]))
    }
}

/// `malformed-date-time`: the first date-time member written the way some databases print
/// times: a space for the `T`, no zone.
struct MalformedDateTime: FaultBehaviour {
    static let summary = "the success body's first date-time member is not RFC 3339 (a space, no zone)"

    func successBody(_ body: JSONValue, shape: SchemaShape, uuid: () -> String) -> JSONValue {
        guard let name = shape.properties.first(where: { $0.validator.shape.format == "date-time" })?.name else { return body }
        return body.setting(.string("2024-09-15 12:40:24"), at: JSONPointer(tokens: [name]))
    }
}

/// `undocumented-member`: a member the schema does not declare (allowed unless the run is strict).
struct UndocumentedMember: FaultBehaviour {
    static let summary = "the success body carries a member the schema does not declare"

    func successBody(_ body: JSONValue, shape: SchemaShape, uuid: () -> String) -> JSONValue {
        var name = "internalTraceId"
        while shape.property(name) != nil { name += "_" }
        return body.setting(.string(uuid()), at: JSONPointer(tokens: [name]))
    }
}
