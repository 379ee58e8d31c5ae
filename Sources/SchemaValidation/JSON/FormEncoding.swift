/// `application/x-www-form-urlencoded` bodies: written from a JSON object, and read back typed
/// by the object's schema (a form carries only text), so form bodies are validated like JSON.
public enum FormEncoding {
    public static let mediaType = "application/x-www-form-urlencoded"

    /// `a=1&b=x%20y`; arrays repeat their name, null members are left out.
    public static func encode(_ value: JSONValue) -> String {
        guard case .object(let object) = value else { return "" }
        var pairs: [String] = []
        for member in object {
            let items: [JSONValue] = if case .array(let values) = member.value { values } else { [member.value] }
            for item in items {
                let text: String
                switch item {
                case .null: continue
                case .string(let string): text = string
                default: text = item.jsonText
                }
                pairs.append(escape(member.key) + "=" + escape(text))
            }
        }
        return pairs.joined(separator: "&")
    }

    /// The pairs of a form as an object, each value typed as its member's schema declares.
    public static func decode(_ text: String, shape: SchemaShape?) -> JSONValue {
        var members: [(String, [String])] = []
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = unescape(String(parts[0]))
            let value = parts.count > 1 ? unescape(String(parts[1])) : ""
            if let index = members.firstIndex(where: { $0.0 == name }) {
                members[index].1.append(value)
            } else {
                members.append((name, [value]))
            }
        }
        return .object(JSONObject(members.map { name, values in
            let member = shape?.property(name)?.shape
            if member?.types.first == "array" {
                return JSONObject.Member(name, .array(values.map(JSONValue.string)))
            }
            return JSONObject.Member(name, member.map { $0.value(fromParameterText: values[0]) } ?? .string(values[0]))
        }))
    }

    private static func escape(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            switch byte {
            case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "*"):
                output.unicodeScalars.append(UnicodeScalar(byte))
            case UInt8(ascii: " "):
                output += "+"
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                output += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return output
    }

    private static func unescape(_ text: String) -> String {
        var bytes: [UInt8] = []
        var rest = Array(text.utf8)[...]
        while let byte = rest.popFirst() {
            if byte == UInt8(ascii: "+") {
                bytes.append(0x20)
            } else if byte == UInt8(ascii: "%"), rest.count >= 2,
                      let value = UInt8(String(decoding: rest.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                rest = rest.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
