/// An RFC 6901 JSON pointer: the path from a document's root to one of its nodes.
///
/// Written `/paths/~1pets/get` (`~1` stands for `/`, `~0` for `~`); the empty pointer is the root.
public struct JSONPointer: Hashable, Sendable, CustomStringConvertible, ExpressibleByArrayLiteral {
    /// Unescaped reference tokens, root first.
    public var tokens: [String]

    /// A pointer of these (unescaped) tokens.
    public init(tokens: [String] = []) {
        self.tokens = tokens
    }

    /// `["paths", "/pets"]`.
    public init(arrayLiteral elements: String...) {
        self.tokens = elements
    }

    /// The root pointer.
    public static let root = JSONPointer()

    /// Parses the RFC 6901 string form (`""` or `/a/b`); `nil` when it is not one.
    public init?(_ text: some StringProtocol) {
        guard let tokens = Self.parse(Array(text.utf8)) else { return nil }
        self.init(tokens: tokens)
    }

    /// Parses a URI fragment (the part after `#`): percent-decoded first, then RFC 6901.
    public init?(fragment: some StringProtocol) {
        guard let decoded = PercentEncoding.decode(fragment) else { return nil }
        self.init(decoded)
    }

    /// The tokens of a pointer's UTF-8 form, read byte by byte (pointers into large documents
    /// are parsed by the thousand while loading).
    private static func parse(_ bytes: [UInt8]) -> [String]? {
        guard let first = bytes.first else { return [] }
        guard first == UInt8(ascii: "/") else { return nil }
        var tokens: [String] = []
        var token: [UInt8] = []
        var index = 1
        while index <= bytes.count {
            guard index < bytes.count, bytes[index] != UInt8(ascii: "/") else {
                tokens.append(String(decoding: token, as: UTF8.self))
                token.removeAll(keepingCapacity: true)
                index += 1
                continue
            }
            let byte = bytes[index]
            index += 1
            guard byte == UInt8(ascii: "~") else {
                token.append(byte)
                continue
            }
            // `~` escapes: `~0` is `~`, `~1` is `/`, anything else is malformed.
            guard index < bytes.count else { return nil }
            switch bytes[index] {
            case UInt8(ascii: "0"): token.append(UInt8(ascii: "~"))
            case UInt8(ascii: "1"): token.append(UInt8(ascii: "/"))
            default: return nil
            }
            index += 1
        }
        return tokens
    }

    private static func escape(_ token: String) -> String {
        guard token.contains(where: { $0 == "~" || $0 == "/" }) else { return token }
        return token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    /// This pointer one member deeper.
    public func appending(_ token: String) -> JSONPointer {
        JSONPointer(tokens: tokens + [token])
    }

    /// This pointer one item deeper.
    public func appending(_ index: Int) -> JSONPointer {
        appending(String(index))
    }

    /// The pointer one level up; `nil` for the root.
    public var parent: JSONPointer? {
        tokens.isEmpty ? nil : JSONPointer(tokens: Array(tokens.dropLast()))
    }

    /// The last token, unescaped; `nil` for the root.
    public var lastToken: String? { tokens.last }

    /// The RFC 6901 string, `/a/b~1c`.
    public var description: String {
        tokens.reduce(into: "") { $0 += "/" + Self.escape($1) }
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}

extension JSONPointer: Codable {
    /// Reads the RFC 6901 string form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let pointer = JSONPointer(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a JSON pointer (RFC 6901)")
        }
        self = pointer
    }

    /// Writes the RFC 6901 string form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
