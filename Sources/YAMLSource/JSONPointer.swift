/// An RFC 6901 JSON pointer: the path from a document's root to one of its nodes.
///
/// Written `/paths/~1pets/get` (`~1` stands for `/`, `~0` for `~`); the empty pointer is the root.
public struct JSONPointer: Hashable, Sendable, CustomStringConvertible, ExpressibleByArrayLiteral {
    /// Unescaped reference tokens, root first.
    public var tokens: [String]

    public init(tokens: [String] = []) {
        self.tokens = tokens
    }

    public init(arrayLiteral elements: String...) {
        self.tokens = elements
    }

    /// The root pointer.
    public static let root = JSONPointer()

    /// Parses the RFC 6901 string form (`""` or `/a/b`); `nil` when it is not one.
    public init?(_ text: some StringProtocol) {
        guard !text.isEmpty else {
            self.init()
            return
        }
        guard text.first == "/" else { return nil }
        var tokens: [String] = []
        for raw in String(text).dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            guard let token = Self.unescape(raw) else { return nil }
            tokens.append(token)
        }
        self.init(tokens: tokens)
    }

    /// Parses a URI fragment (the part after `#`): percent-decoded first, then RFC 6901.
    public init?(fragment: some StringProtocol) {
        guard let decoded = PercentEncoding.decode(fragment) else { return nil }
        self.init(decoded)
    }

    private static func unescape(_ token: Substring) -> String? {
        guard token.contains("~") else { return String(token) }
        var result = ""
        var iterator = token.makeIterator()
        while let character = iterator.next() {
            guard character == "~" else {
                result.append(character)
                continue
            }
            switch iterator.next() {
            case "0": result.append("~")
            case "1": result.append("/")
            default: return nil
            }
        }
        return result
    }

    private static func escape(_ token: String) -> String {
        guard token.contains(where: { $0 == "~" || $0 == "/" }) else { return token }
        return token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    public func appending(_ token: String) -> JSONPointer {
        JSONPointer(tokens: tokens + [token])
    }

    public func appending(_ index: Int) -> JSONPointer {
        appending(String(index))
    }

    public var parent: JSONPointer? {
        tokens.isEmpty ? nil : JSONPointer(tokens: Array(tokens.dropLast()))
    }

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
