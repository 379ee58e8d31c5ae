/// A JSON value, as instances (request and response bodies) are validated.
///
/// Equality is JSON's: numbers by value (`1 == 1.0`), objects regardless of member order.
public enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The JSON type name used in messages and by `type`: "null", "boolean", "integer",
    /// "number", "string", "array", "object".
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number(let number): number.isInteger ? "integer" : "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// An object's member; `nil` for a missing member or a value that is not an object.
    public subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    /// The text, when the value is a string.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The object, when the value is one.
    public var objectValue: JSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// The items, when the value is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }
}

extension JSONValue: Hashable {
    /// JSON equality: strings by code points (not Unicode canonical equivalence, which Swift's
    /// `==` applies), numbers by value, objects regardless of member order.
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.string(let a), .string(let b)): a.utf8.elementsEqual(b.utf8)
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a == b
        default: false
        }
    }

    /// Hashes as `==` compares: numbers by value, objects without regard to order.
    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let value): hasher.combine(value)
        case .number(let number): hasher.combine(number)
        case .string(let text):
            hasher.combine(text.utf8.count)
            for byte in text.utf8 { hasher.combine(byte) }
        case .array(let items): hasher.combine(items)
        case .object(let object): hasher.combine(object)
        }
    }
}

/// A JSON object: members in document order, looked up by name.
public struct JSONObject: Sendable, Hashable, RandomAccessCollection {
    /// One member.
    public struct Member: Sendable, Hashable {
        /// The member's name.
        public var key: String
        /// Its value.
        public var value: JSONValue

        /// A member `key: value`.
        public init(_ key: String, _ value: JSONValue) {
            self.key = key
            self.value = value
        }
    }

    /// The members in document order, names unique.
    public private(set) var members: [Member]
    /// Built for objects of more than 16 members, where a scan per lookup would cost.
    private var index: [String: Int]?

    /// Members with repeated names keep the last value, as JavaScript does.
    public init(_ members: [Member]) {
        var unique: [Member] = []
        unique.reserveCapacity(members.count)
        if members.count <= 16 {
            for member in members {
                if let position = unique.firstIndex(where: { $0.key == member.key }) {
                    unique[position].value = member.value
                } else {
                    unique.append(member)
                }
            }
            self.index = nil
        } else {
            var positions: [String: Int] = [:]
            positions.reserveCapacity(members.count)
            for member in members {
                if let position = positions[member.key] {
                    unique[position].value = member.value
                } else {
                    positions[member.key] = unique.count
                    unique.append(member)
                }
            }
            self.index = positions
        }
        self.members = unique
    }

    /// An object of these members, in order.
    public init(_ pairs: KeyValuePairs<String, JSONValue>) {
        self.init(pairs.map { Member($0.key, $0.value) })
    }

    /// Always 0.
    public var startIndex: Int { members.startIndex }
    /// The member count.
    public var endIndex: Int { members.endIndex }
    /// The member at `position`.
    public subscript(position: Int) -> Member { members[position] }

    /// The value of the member named `key`.
    public subscript(key: String) -> JSONValue? {
        if let index { return index[key].map { members[$0].value } }
        return members.first { $0.key == key }?.value
    }

    /// The member names, in order.
    public var keys: [String] { members.map(\.key) }

    /// Whether a member is named `key`, looking first where `hint` says (and leaving `hint`
    /// after the member found): names asked in the order the object has them are found
    /// without a search.
    func contains(_ key: String, hint: inout Int) -> Bool {
        if hint < members.count, members[hint].key == key {
            hint += 1
            return true
        }
        if let index {
            guard let position = index[key] else { return false }
            hint = position + 1
            return true
        }
        guard let position = members.firstIndex(where: { $0.key == key }) else { return false }
        hint = position + 1
        return true
    }

    /// Equal members, in any order (JSON objects are unordered).
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.members.count == rhs.members.count && lhs.members.allSatisfy { rhs[$0.key] == $0.value }
    }

    /// Hashes the members without regard to order.
    public func hash(into hasher: inout Hasher) {
        // Order-independent: combine member hashes commutatively.
        var sum = 0
        for member in members {
            var memberHasher = Hasher()
            memberHasher.combine(member)
            sum &+= memberHasher.finalize()
        }
        hasher.combine(members.count)
        hasher.combine(sum)
    }
}
