import YAMLSource

extension JSONValue {
    /// The JSON value of a YAML or JSON node (examples, schema `enum`/`const`, YAML instances).
    /// Non-scalar mapping keys, which JSON cannot hold, become their text.
    public init(_ node: Node) {
        switch node.content {
        case .scalar(let scalar):
            switch scalar.kind {
            case .null: self = .null
            case .bool: self = .bool(scalar.bool ?? false)
            case .int, .float:
                if let number = JSONNumber(literal: scalar.text) {
                    self = .number(number)
                } else if let int = scalar.int {
                    self = .number(JSONNumber(int))  // 0x1F, 0o17
                } else if let double = scalar.double, double.isFinite {
                    self = .number(JSONNumber(double))
                } else {
                    self = .string(scalar.text)  // .inf and .nan have no JSON form
                }
            case .string: self = .string(scalar.text)
            }
        case .sequence(let items):
            self = .array(items.map(JSONValue.init))
        case .mapping(let entries):
            self = .object(JSONObject(entries.map { JSONObject.Member($0.key.scalar?.text ?? "", JSONValue($0.value)) }))
        }
    }
}
