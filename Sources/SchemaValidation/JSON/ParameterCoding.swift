/// OpenAPI's parameter serialization: every `style` (`matrix`, `label`, `simple`, `form`,
/// `spaceDelimited`, `pipeDelimited`, `deepObject`) with or without `explode`, for path, query,
/// header and cookie parameters. Values are written as a request carries them (before
/// percent-encoding) and read back typed by the parameter's schema.
public enum ParameterCoding {
    /// How one parameter is written.
    public struct Style: Sendable, Hashable {
        /// The parameter's name.
        public var name: String
        /// `form`, `simple`, `matrix`...
        public var style: String
        /// Whether arrays and objects become one pair per item.
        public var explode: Bool

        /// A parameter's serialization.
        public init(name: String, style: String, explode: Bool) {
            self.name = name
            self.style = style
            self.explode = explode
        }
    }

    // MARK: Writing

    /// A query parameter as `name=value` pairs, unencoded.
    public static func pairs(_ value: JSONValue, _ style: Style) -> [(name: String, value: String)] {
        let name = style.name
        switch value {
        case .array(let items):
            let texts = items.map(text)
            switch style.style {
            case "spaceDelimited" where !style.explode: return [(name, texts.joined(separator: " "))]
            case "pipeDelimited" where !style.explode: return [(name, texts.joined(separator: "|"))]
            default: return style.explode ? texts.map { (name, $0) } : [(name, texts.joined(separator: ","))]
            }
        case .object(let object):
            if style.style == "deepObject" { return object.map { ("\(name)[\($0.key)]", text($0.value)) } }
            if style.explode { return object.map { ($0.key, text($0.value)) } }
            return [(name, object.flatMap { [$0.key, text($0.value)] }.joined(separator: ","))]
        default:
            return [(name, text(value))]
        }
    }

    /// A path, header or cookie parameter's text, unencoded: `simple` (`a,b`), `label`
    /// (`.a.b`), `matrix` (`;id=a;id=b`), `form` for cookies (`a,b`).
    public static func text(_ value: JSONValue, _ style: Style) -> String {
        let name = style.name
        let separator = style.explode ? (style.style == "label" ? "." : style.style == "matrix" ? ";" : ",") : ","
        let body: String
        switch value {
        case .array(let items):
            let texts = items.map(text)
            body =
                style.style == "matrix" && style.explode ? texts.map { "\(name)=\($0)" }.joined(separator: ";") : texts.joined(separator: separator)
        case .object(let object):
            body =
                style.explode
                ? object.map { "\($0.key)=\(text($0.value))" }.joined(separator: separator)
                : object.flatMap { [$0.key, text($0.value)] }.joined(separator: ",")
        default:
            body = text(value)
        }
        switch style.style {
        case "label": return "." + body
        case "matrix":
            if style.explode, case .array = value { return ";" + body }
            if style.explode, case .object = value { return ";" + body }
            return ";\(name)=" + body
        default: return body
        }
    }

    /// A scalar as text: strings as they are, others as JSON.
    static func text(_ value: JSONValue) -> String {
        value.stringValue ?? value.jsonText
    }

    // MARK: Reading

    /// A query parameter read back from the query's pairs (decoded), typed by the schema;
    /// `nil` when the query does not carry it.
    public static func read(pairs: [(name: String, value: String)], _ style: Style, shape: SchemaShape?) -> JSONValue? {
        let name = style.name
        switch shape?.types.first {
        case "array":
            let values = pairs.filter { $0.name == name }.map(\.value)
            guard !values.isEmpty else { return nil }
            let items: [String]
            if style.explode {
                items = values
            } else {
                let separator: Character = style.style == "spaceDelimited" ? " " : style.style == "pipeDelimited" ? "|" : ","
                items = values[0].split(separator: separator, omittingEmptySubsequences: false).map(String.init)
            }
            return .array(items.map { typed($0, shape?.items?.shape) })
        case "object":
            if style.style == "deepObject" {
                let members = pairs.compactMap { pair -> (String, String)? in
                    guard pair.name.hasPrefix(name + "["), pair.name.hasSuffix("]") else { return nil }
                    return (String(pair.name.dropFirst(name.count + 1).dropLast()), pair.value)
                }
                return members.isEmpty ? nil : object(members, shape)
            }
            if style.explode {
                let known = Set(shape?.properties.map(\.name) ?? [])
                let members = pairs.filter { known.contains($0.name) }.map { ($0.name, $0.value) }
                return members.isEmpty ? nil : object(members, shape)
            }
            guard let value = pairs.first(where: { $0.name == name })?.value else { return nil }
            return object(alternating(value), shape)
        default:
            return pairs.first { $0.name == name }.map { typed($0.value, shape) }
        }
    }

    /// A path, header or cookie parameter read back from its text (decoded), typed by the
    /// schema.
    public static func read(text raw: String, _ style: Style, shape: SchemaShape?) -> JSONValue {
        var body = Substring(raw)
        let name = style.name
        let exploded = style.explode
        switch style.style {
        case "label":
            if body.hasPrefix(".") { body = body.dropFirst() }
        case "matrix":
            if body.hasPrefix(";") { body = body.dropFirst() }
            if !(exploded && shape?.types.first == "object"), body.hasPrefix(name + "=") { body = body.dropFirst(name.count + 1) }
        default:
            break
        }
        let separator: Character = exploded && style.style == "label" ? "." : exploded && style.style == "matrix" ? ";" : ","
        switch shape?.types.first {
        case "array":
            var items = body.split(separator: separator, omittingEmptySubsequences: false).map(String.init)
            if exploded, style.style == "matrix" { items = items.map { $0.hasPrefix(name + "=") ? String($0.dropFirst(name.count + 1)) : $0 } }
            return .array(items.map { typed($0, shape?.items?.shape) })
        case "object":
            if exploded {
                let members = body.split(separator: separator).map { pair -> (String, String) in
                    let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                    return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
                }
                return object(members, shape)
            }
            return object(alternating(String(body)), shape)
        default:
            return typed(String(body), shape)
        }
    }

    private static func typed(_ text: String, _ shape: SchemaShape?) -> JSONValue {
        shape?.value(fromParameterText: text) ?? .string(text)
    }

    /// `k1,v1,k2,v2` as pairs.
    private static func alternating(_ text: String) -> [(String, String)] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return stride(from: 0, to: parts.count - 1, by: 2).map { (parts[$0], parts[$0 + 1]) }
    }

    private static func object(_ members: [(String, String)], _ shape: SchemaShape?) -> JSONValue {
        .object(JSONObject(members.map { JSONObject.Member($0.0, typed($0.1, shape?.property($0.0)?.shape)) }))
    }
}
