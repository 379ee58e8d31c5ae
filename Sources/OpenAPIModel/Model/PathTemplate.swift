import YAMLSource

/// A path key of the document (`/Accounts/{Sid}.json`) as pieces: literal text and path
/// parameters, so a parameter may share a segment with text around it. The key is kept exactly
/// as written: `/flows/` has an empty last segment and is another path than `/flows` (servers
/// redirect or refuse the one they do not serve).
public struct PathTemplate: Sendable, Hashable {
    /// Literal text, or a path parameter by name.
    public enum Piece: Sendable, Hashable {
        case literal(String)
        case parameter(String)
    }

    /// The segments between slashes, each a list of pieces; an empty segment (after a trailing
    /// or doubled slash) has none.
    public let segments: [[Piece]]

    /// The pieces of `template`.
    public init(_ template: String) {
        let body = template.hasPrefix("/") ? template.dropFirst() : template[...]
        segments = body.split(separator: "/", omittingEmptySubsequences: false).map { segment in
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

    /// A template of these segments.
    public init(segments: [[Piece]]) {
        self.segments = segments
    }

    /// The path on the wire with these parameter values: literal text percent-encoded where a
    /// path cannot carry it as is (`#`, `?`, spaces), values percent-encoded whole unless
    /// `encoded` says they already are. A parameter without a value stays `{name}`.
    public func filled(_ values: [String: String], encoded: Bool = false) -> String {
        "/"
            + segments.map { pieces in
                pieces.map { piece in
                    switch piece {
                    case .literal(let text): PercentEncoding.encodePath(text)
                    case .parameter(let name): values[name].map { encoded ? $0 : PercentEncoding.encode($0) } ?? "{\(name)}"
                    }
                }.joined()
            }.joined(separator: "/")
    }

    /// The parameter values of a request path's decoded segments (after the server's prefix),
    /// or `nil` when the template does not match them, segment for segment.
    public func match(segments requested: [String]) -> [String: String]? {
        guard requested.count == segments.count else { return nil }
        var values: [String: String] = [:]
        for (pieces, segment) in zip(segments, requested) {
            guard let found = Self.match(pieces, segment[...]) else { return nil }
            values.merge(found) { $1 }
        }
        return values
    }

    /// The decoded segments of a request path, empty ones too (`/flows/` is `flows` and an
    /// empty one).
    public static func segments(ofRequestPath path: String) -> [String] {
        let body = path.utf8.first == UInt8(ascii: "/") ? path.utf8.dropFirst() : path.utf8[...]
        return body.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).map { PercentEncoding.decodeLeniently(Substring($0)) }
    }

    /// Whether the template ends in a slash (`/flows/`).
    public var hasTrailingSlash: Bool { segments.count > 1 && segments.last?.isEmpty == true }

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
