import YAMLSource

/// A path key of the document (`/Accounts/{Sid}.json`) as pieces: literal text and path
/// parameters, so a parameter may share a segment with text around it.
public struct PathTemplate: Sendable, Hashable {
    public enum Piece: Sendable, Hashable {
        case literal(String)
        case parameter(String)
    }

    /// The segments between slashes, each a list of pieces.
    public let segments: [[Piece]]

    public init(_ template: String) {
        segments = template.split(separator: "/").map { segment in
            var pieces: [Piece] = []
            var text = ""
            var name: String?
            for character in segment {
                if character == "{", name == nil {
                    if !text.isEmpty { pieces.append(.literal(text)) }
                    text = ""
                    name = ""
                } else if character == "}", let current = name {
                    pieces.append(.parameter(current))
                    name = nil
                } else if name != nil {
                    name!.append(character)
                } else {
                    text.append(character)
                }
            }
            if let name { text += "{" + name }  // an unclosed brace is text
            if !text.isEmpty { pieces.append(.literal(text)) }
            return pieces
        }
    }

    /// The path on the wire with these parameter values: literal text percent-encoded where a
    /// path cannot carry it as is (`#`, `?`, spaces), values percent-encoded whole unless
    /// `encoded` says they already are. A parameter without a value stays `{name}`.
    public func filled(_ values: [String: String], encoded: Bool = false) -> String {
        "/" + segments.map { pieces in
            pieces.map { piece in
                switch piece {
                case .literal(let text): PercentEncoding.encodePath(text)
                case .parameter(let name): values[name].map { encoded ? $0 : PercentEncoding.encode($0) } ?? "{\(name)}"
                }
            }.joined()
        }.joined(separator: "/")
    }

    /// The parameter values of one decoded path segment, or `nil` when it does not match: each
    /// parameter takes the text up to the next literal piece (at least one character).
    public static func match(_ pieces: [Piece], _ segment: Substring) -> [String: String]? {
        guard let first = pieces.first else { return segment.isEmpty ? [:] : nil }
        let rest = Array(pieces.dropFirst())
        switch first {
        case .literal(let text):
            guard segment.hasPrefix(text) else { return nil }
            return match(rest, segment.dropFirst(text.count))
        case .parameter(let name):
            if rest.isEmpty { return segment.isEmpty ? nil : [name: String(segment)] }
            guard !segment.isEmpty else { return nil }
            var end = segment.index(after: segment.startIndex)
            while end <= segment.endIndex {
                if var values = match(rest, segment[end...]) {
                    values[name] = String(segment[..<end])
                    return values
                }
                guard end < segment.endIndex else { break }
                end = segment.index(after: end)
            }
            return nil
        }
    }

    /// How many literal characters the template has: more wins when two match.
    public var literalCount: Int {
        segments.joined().reduce(0) { count, piece in if case .literal(let text) = piece { count + text.count } else { count } }
    }
}
