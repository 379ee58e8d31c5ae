/// RFC 3986 URIs and URI references, checked character by character.
enum URIFormats {
    private static let unreserved = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
    private static let subDelimiters = Set("!$&'()*+,;=")

    static func isURI(_ text: String, requireScheme: Bool) -> Bool {
        guard !text.isEmpty || !requireScheme else { return false }
        var rest = Substring(text)
        if let colon = rest.firstIndex(of: ":"), !rest[..<colon].contains(where: { $0 == "/" || $0 == "?" || $0 == "#" }) {
            let scheme = rest[..<colon]
            guard let first = scheme.first, first.isASCII, first.isLetter,
                scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") })
            else { return false }
            rest = rest[rest.index(after: colon)...]
        } else if requireScheme {
            return false
        }
        var fragment: Substring?
        if let hash = rest.firstIndex(of: "#") {
            fragment = rest[rest.index(after: hash)...]
            rest = rest[..<hash]
        }
        var query: Substring?
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
            let end = rest.firstIndex(of: "/") ?? rest.endIndex
            guard isAuthority(rest[..<end]) else { return false }
            rest = rest[end...]
        }
        let extra: Set<Character> = [":", "@", "/"]
        return isEncoded(rest, extra: extra)
            && (query.map { isEncoded($0, extra: extra.union(["?"])) } ?? true)
            && (fragment.map { isEncoded($0, extra: extra.union(["?"])) } ?? true)
    }

    /// Unreserved, sub-delimiter, extra characters and well-formed `%XX` only.
    private static func isEncoded(_ text: Substring, extra: Set<Character>) -> Bool {
        var iterator = text.makeIterator()
        while let character = iterator.next() {
            if character == "%" {
                guard let first = iterator.next(), let second = iterator.next(),
                    first.isHexDigit, second.isHexDigit
                else { return false }
            } else if !(unreserved.contains(character) || subDelimiters.contains(character) || extra.contains(character)) {
                return false
            }
        }
        return true
    }

    /// `[userinfo@]host[:port]`, host a name, an IPv4 address or a bracketed IPv6 literal.
    private static func isAuthority(_ authority: Substring) -> Bool {
        var host = authority
        if let at = host.lastIndex(of: "@") {
            guard isEncoded(host[..<at], extra: [":"]) else { return false }
            host = host[host.index(after: at)...]
        }
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return false }
            let literal = String(host[host.index(after: host.startIndex)..<close])
            guard NetworkFormats.isIPv6(literal) || literal.hasPrefix("v") else { return false }
            host = host[host.index(after: close)...]
            if host.isEmpty { return true }
            guard host.first == ":" else { return false }
            return host.dropFirst().allSatisfy { $0.isASCII && $0.isNumber }
        }
        if let colon = host.lastIndex(of: ":") {
            guard host[host.index(after: colon)...].allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
            host = host[..<colon]
        }
        return isEncoded(host, extra: [])
    }
}
