import YAMLSource

/// `application/x-www-form-urlencoded` bodies: written from a JSON object, and read back typed
/// by the object's schema (a form carries only text), so form bodies are validated like JSON.
public enum FormEncoding {
    /// The media type this encoding reads and writes.
    public static let mediaType = "application/x-www-form-urlencoded"

    /// `a=1&b=x%20y`; arrays repeat their name, null members are left out.
    public static func encode(_ value: JSONValue) -> String {
        fields(of: value).map { PercentEncoding.encode($0.name, spaceAsPlus: true) + "=" + PercentEncoding.encode($0.text, spaceAsPlus: true) }
            .joined(separator: "&")
    }

    /// The fields a form-like body carries for an object: a field per member, a field per item
    /// of an array member, none for a null; texts as they are, other values as JSON text.
    static func fields(of value: JSONValue) -> [(name: String, item: JSONValue, text: String)] {
        guard case .object(let object) = value else { return [] }
        return object.flatMap { member -> [(name: String, item: JSONValue, text: String)] in
            let items: [JSONValue] = if case .array(let values) = member.value { values } else { [member.value] }
            return items.compactMap { item in
                switch item {
                case .null: nil
                case .string(let text): (member.key, item, text)
                default: (member.key, item, item.jsonText)
                }
            }
        }
    }

    /// The pairs of a form as an object, each value typed as its member's schema declares.
    public static func decode(_ text: String, shape: SchemaShape?) -> JSONValue {
        decode(text, layout: shape.map(FormLayout.init))
    }

    /// The pairs of a form as an object, typed by a layout worked out once for many forms.
    public static func decode(_ text: String, layout: FormLayout?) -> JSONValue {
        var members: [(String, [String])] = []
        var positions: [String: Int] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = PercentEncoding.decodeLeniently(parts[0], plusIsSpace: true)
            let value = parts.count > 1 ? PercentEncoding.decodeLeniently(parts[1], plusIsSpace: true) : ""
            if let index = positions[name] {
                members[index].1.append(value)
            } else {
                positions[name] = members.count
                members.append((name, [value]))
            }
        }
        // An empty array has no pair in a form: an array member the form leaves out is empty.
        let absentArrays = (layout?.arrays ?? []).filter { positions[$0] == nil }.map { JSONObject.Member($0, .array([])) }
        return .object(
            JSONObject(
                members.map { name, values in
                    let member = layout?.members[name]
                    if let member, member.shape.types.first == "array" {
                        let items = member.items
                        // `tags=` is how forms write an empty array of anything but texts.
                        if values == [""], let types = items?.types, !types.isEmpty, !types.contains("string") {
                            return JSONObject.Member(name, .array([]))
                        }
                        return JSONObject.Member(name, .array(values.map { items?.value(fromParameterText: $0) ?? .string($0) }))
                    }
                    return JSONObject.Member(name, member.map { $0.shape.value(fromParameterText: values[0]) } ?? .string(values[0]))
                } + absentArrays))
    }

    /// Members a plain form cannot carry: objects, and arrays of objects or of arrays (their
    /// form serialization needs an `encoding` object).
    public static func unwritable(_ shape: SchemaShape?) -> Set<String> {
        shape.map { FormLayout($0).unwritable } ?? []
    }

    /// A form body's problems, less those about members a plain form cannot carry.
    public static func errors(
        _ value: JSONValue, _ validator: SchemaValidator, layout: FormLayout? = nil, formats: FormatReading = .strict
    ) -> [ValidationError] {
        let skipped = (layout ?? FormLayout(validator.shape)).unwritable
        return validator.validate(value, direction: .request, formats: formats).filter { !skipped.contains($0.memberPointer.tokens.first ?? "") }
    }
}

/// What reading a form needs to know of its object schema, worked out once: each member's
/// outline and its items', the array members (an empty array has no pair), and the members a
/// plain form cannot carry.
public struct FormLayout: Sendable {
    struct Member: Sendable {
        var shape: SchemaShape
        var items: SchemaShape?
    }

    let members: [String: Member]
    /// Array members, in the schema's order.
    let arrays: [String]
    /// Objects, and arrays of objects or of arrays.
    public let unwritable: Set<String>

    /// The encoding of an object of `shape`.
    public init(_ shape: SchemaShape) {
        var members: [String: Member] = [:]
        var arrays: [String] = []
        var unwritable: Set<String> = []
        for (name, validator) in shape.properties where members[name] == nil {
            let member = validator.shape
            let items = member.items?.shape
            members[name] = Member(shape: member, items: items)
            if member.types.first == "array" { arrays.append(name) }
            let itemType = items?.types.first
            if member.types.first == "object" || (member.types.first == "array" && (itemType == "object" || itemType == "array")) {
                unwritable.insert(name)
            }
        }
        self.members = members
        self.arrays = arrays
        self.unwritable = unwritable
    }
}
