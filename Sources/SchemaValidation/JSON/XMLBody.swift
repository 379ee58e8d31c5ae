import OpenAPIModel

/// `application/xml` bodies read as the JSON value OpenAPI's XML mapping describes, so they
/// are validated like JSON: the root element is the object; child elements are its members,
/// by name; an array member is either one element holding an element per item (wrapped) or
/// repeated elements (unwrapped); texts are typed by the schema. Attributes, comments,
/// processing instructions and CDATA are read; namespaces are kept in names.
public enum XMLBody {
    /// One element: its name, attributes, child elements and text.
    struct Element {
        var name: String
        var attributes: [(String, String)] = []
        var children: [Element] = []
        var text = ""
    }

    /// Whether a media type is XML (`application/xml`, `text/xml`, `...+xml`).
    public static func isXML(_ mediaType: String) -> Bool {
        let essence = MediaTypeName.essence(mediaType)
        return essence == "application/xml" || essence == "text/xml" || essence.hasSuffix("+xml")
    }

    /// A value as XML in the same mapping: members as child elements, arrays wrapped with an
    /// `item` element per item, nulls left out.
    public static func encode(_ value: JSONValue, root: String = "body") -> [UInt8] {
        func write(_ value: JSONValue, _ name: String, into out: inout String) {
            switch value {
            case .null: return
            case .object(let object):
                out += "<\(name)>"
                for member in object { write(member.value, member.key, into: &out) }
                out += "</\(name)>"
            case .array(let items):
                out += "<\(name)>"
                for item in items { write(item, "item", into: &out) }
                out += "</\(name)>"
            default:
                let text = value.stringValue ?? value.jsonText
                out +=
                    "<\(name)>" + text.replacingAll("&", with: "&amp;").replacingAll("<", with: "&lt;").replacingAll(">", with: "&gt;") + "</\(name)>"
            }
        }
        var out = #"<?xml version="1.0" encoding="UTF-8"?>"#
        write(value, root, into: &out)
        return Array(out.utf8)
    }

    /// The body as a value, or `nil` when it is not well-formed XML.
    public static func decode(_ bytes: [UInt8], shape: SchemaShape?) -> JSONValue? {
        var parser = Parser(Array(String(decoding: bytes, as: UTF8.self).unicodeScalars))
        guard let root = parser.document() else { return nil }
        return value(root, shape)
    }

    static func value(_ element: Element, _ shape: SchemaShape?) -> JSONValue {
        let types = shape?.types ?? []
        if types.first == "array" {
            return .array(element.children.map { value($0, shape?.items?.shape) })
        }
        if types.first == "object", element.children.isEmpty, !element.text.trimmingCharacters(in: " ").isEmpty {
            return .string(element.text)  // text where an object belongs: the schema will say so
        }
        if types.first == "object" || (types.isEmpty && !element.children.isEmpty) {
            var members: [JSONObject.Member] = []
            for (name, text) in element.attributes {
                members.append(.init(name, typed(text, shape?.property(name)?.shape)))
            }
            var seen: Set<String> = []
            for child in element.children where seen.insert(child.name).inserted {
                let member = shape?.property(child.name)?.shape
                let repeated = element.children.filter { $0.name == child.name }
                if member?.types.first == "array" {
                    // Wrapped: one element of the member's name around the items; else each
                    // repeated element is an item.
                    let items = repeated.count == 1 && !repeated[0].children.isEmpty ? repeated[0].children : repeated
                    if repeated.count == 1, repeated[0].children.isEmpty, repeated[0].text.isEmpty {
                        members.append(.init(child.name, .array([])))
                    } else {
                        members.append(.init(child.name, .array(items.map { value($0, member?.items?.shape) })))
                    }
                } else {
                    members.append(.init(child.name, value(child, member)))
                }
            }
            return .object(JSONObject(members))
        }
        return typed(element.text, shape)
    }

    private static func typed(_ text: String, _ shape: SchemaShape?) -> JSONValue {
        shape?.value(fromParameterText: text) ?? .string(text)
    }

    private struct Parser {
        let characters: [Unicode.Scalar]
        var index = 0

        init(_ characters: [Unicode.Scalar]) {
            self.characters = characters
        }

        var current: Unicode.Scalar? { index < characters.count ? characters[index] : nil }

        func starts(with text: String) -> Bool {
            let scalars = Array(text.unicodeScalars)
            return index + scalars.count <= characters.count && Array(characters[index..<(index + scalars.count)]) == scalars
        }

        mutating func skip(until end: String) -> Bool {
            while index < characters.count {
                if starts(with: end) {
                    index += end.unicodeScalars.count
                    return true
                }
                index += 1
            }
            return false
        }

        mutating func skipSpace() {
            while let character = current, character.properties.isWhitespace { index += 1 }
        }

        /// Prolog, comments and processing instructions, then one root element, then nothing
        /// but space and comments.
        mutating func document() -> Element? {
            skipMisc()
            guard current == "<", let root = element() else { return nil }
            skipMisc()
            return index >= characters.count ? root : nil
        }

        mutating func skipMisc() {
            while true {
                skipSpace()
                if starts(with: "<?") {
                    guard skip(until: "?>") else { return }
                    continue
                }
                if starts(with: "<!--") {
                    guard skip(until: "-->") else { return }
                    continue
                }
                if starts(with: "<!DOCTYPE") {
                    guard skip(until: ">") else { return }
                    continue
                }
                return
            }
        }

        mutating func name() -> String? {
            var name = String.UnicodeScalarView()
            while let character = current, !character.properties.isWhitespace, !"/>=<\"'".unicodeScalars.contains(character) {
                name.append(character)
                index += 1
            }
            return name.isEmpty ? nil : String(name)
        }

        mutating func element() -> Element? {
            guard current == "<" else { return nil }
            index += 1
            guard let name = name() else { return nil }
            var parsed = Element(name: name)
            while true {
                skipSpace()
                if starts(with: "/>") {
                    index += 2
                    return parsed
                }
                if current == ">" {
                    index += 1
                    break
                }
                guard let attribute = self.name() else { return nil }
                skipSpace()
                guard current == "=" else { return nil }
                index += 1
                skipSpace()
                guard let quote = current, quote == "\"" || quote == "'" else { return nil }
                index += 1
                var value = String.UnicodeScalarView()
                while let character = current, character != quote {
                    value.append(character)
                    index += 1
                }
                guard current == quote else { return nil }
                index += 1
                parsed.attributes.append((attribute, Self.unescaped(String(value))))
            }
            var text = ""
            while true {
                if starts(with: "</") {
                    index += 2
                    guard self.name() == name else { return nil }
                    skipSpace()
                    guard current == ">" else { return nil }
                    index += 1
                    parsed.text = parsed.children.isEmpty ? Self.unescaped(text) : Self.unescaped(text).trimmingCharacters(in: " ")
                    return parsed
                }
                if starts(with: "<!--") {
                    guard skip(until: "-->") else { return nil }
                    continue
                }
                if starts(with: "<![CDATA[") {
                    index += 9
                    let start = index
                    guard skip(until: "]]>") else { return nil }
                    var raw = String.UnicodeScalarView()
                    raw.append(contentsOf: characters[start..<(index - 3)])
                    text += String(raw).replacingAll("&", with: "&amp;")
                    continue
                }
                if current == "<" {
                    guard let child = self.element() else { return nil }
                    parsed.children.append(child)
                    continue
                }
                guard let character = current else { return nil }
                text.unicodeScalars.append(character)
                index += 1
            }
        }

        /// The five named entities and numeric references.
        static func unescaped(_ text: String) -> String {
            guard text.contains("&") else { return text }
            var out = ""
            var rest = Substring(text)
            while let amp = rest.firstIndex(of: "&") {
                out += rest[..<amp]
                guard let semicolon = rest[amp...].firstIndex(of: ";") else { break }
                let entity = rest[rest.index(after: amp)..<semicolon]
                switch entity {
                case "lt": out += "<"
                case "gt": out += ">"
                case "amp": out += "&"
                case "quot": out += "\""
                case "apos": out += "'"
                default:
                    let number =
                        entity.hasPrefix("#x") ? UInt32(entity.dropFirst(2), radix: 16) : entity.hasPrefix("#") ? UInt32(entity.dropFirst()) : nil
                    if let number, let scalar = Unicode.Scalar(number) { out.unicodeScalars.append(scalar) } else { out += "&\(entity);" }
                }
                rest = rest[rest.index(after: semicolon)...]
            }
            return out + rest
        }
    }
}
