/// Email addresses and IP addresses.
enum NetworkFormats {
    /// `local@domain` (RFC 5321): a dot-atom or quoted local part; a hostname or an address
    /// literal (`[127.0.0.1]`, `[IPv6:::1]`) after the `@`.
    static func isEmail(_ text: String) -> Bool {
        isEmail(text, international: false)
    }

    /// RFC 6531: as `isEmail`, with any non-ASCII character allowed in the local part and
    /// an `idn-hostname` after the `@`.
    static func isIDNEmail(_ text: String) -> Bool {
        isEmail(text, international: true)
    }

    private static func isEmail(_ text: String, international: Bool) -> Bool {
        // Most addresses are ASCII: read from the UTF-8 bytes in place.
        let ascii: Bool? = text.withUTF8Bytes { bytes in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            guard let at = bytes.lastIndex(of: UInt8(ascii: "@")), at > 0, at < bytes.count - 1,
                isLocalPart(bytes[..<at].lazy.map(UInt32.init), international: international)
            else { return false }
            let domain = bytes[(at + 1)...]
            if domain.first == UInt8(ascii: "["), domain.last == UInt8(ascii: "]") {
                return isAddressLiteral(String(decoding: domain.dropFirst().dropLast(), as: UTF8.self))
            }
            return international
                ? HostnameFormats.isIDNHostname(String(decoding: domain, as: UTF8.self))
                : HostnameFormats.isHostname(bytes: domain)
        }
        if let ascii { return ascii }
        guard international else { return false }
        let scalars = Array(text.unicodeScalars)
        guard let at = scalars.lastIndex(of: "@"), at > 0, at < scalars.count - 1,
            isLocalPart(scalars[..<at].lazy.map(\.value), international: true)
        else { return false }
        var domain = ""
        domain.unicodeScalars.append(contentsOf: scalars[(at + 1)...])
        if domain.hasPrefix("["), domain.hasSuffix("]") { return isAddressLiteral(String(domain.dropFirst().dropLast())) }
        return HostnameFormats.isIDNHostname(domain)
    }

    /// `[127.0.0.1]` or `[IPv6:::1]`, without the brackets.
    private static func isAddressLiteral(_ literal: String) -> Bool {
        literal.hasPrefix("IPv6:") ? isIPv6(String(literal.dropFirst(5))) : isIPv4(literal)
    }

    /// A dot-atom (atoms of atext joined by single dots) or a quoted string (printable
    /// characters and spaces, `\` escaping the next one); RFC 6531 adds non-ASCII to both.
    private static func isLocalPart<Points: BidirectionalCollection>(_ local: Points, international: Bool) -> Bool
    where Points.Element == UInt32 {
        func allowedBeyondASCII(_ point: UInt32) -> Bool { international && point >= 0x80 }
        let quote = UInt32(UInt8(ascii: "\""))
        let backslash = UInt32(UInt8(ascii: "\\"))
        let dot = UInt32(UInt8(ascii: "."))
        if local.count >= 2, local.first == quote, local.last == quote {
            var escaped = false
            for point in local.dropFirst().dropLast() {
                guard (0x20...0x7E).contains(point) || allowedBeyondASCII(point) else { return false }
                if escaped {
                    escaped = false
                } else if point == backslash {
                    escaped = true
                } else if point == quote {
                    return false
                }
            }
            return !escaped
        }
        // A dot-atom, in one pass: atoms joined by single dots, none at either end.
        var previous: UInt32?
        for point in local {
            guard point < 0x80 ? isAtomByte(UInt8(point)) : allowedBeyondASCII(point),
                point != dot || (previous != nil && previous != dot)
            else { return false }
            previous = point
        }
        return previous != nil && previous != dot
    }

    /// Letters, digits and the specials RFC 5322 allows in an atom, and the dot.
    private static func isAtomByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x41...0x5A, 0x61...0x7A, 0x30...0x39: true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
            UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "/"),
            UInt8(ascii: "="), UInt8(ascii: "?"), UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"),
            UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: "}"), UInt8(ascii: "~"), UInt8(ascii: "."):
            true
        default: false
        }
    }

    /// Dotted decimal, four parts of 0 to 255 without leading zeros.
    static func isIPv4(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4
            && parts.allSatisfy { part in
                guard (1...3).contains(part.count), part.allSatisfy({ $0.isASCII && $0.isNumber }),
                    part.count == 1 || part.first != "0", let value = Int(part)
                else { return false }
                return value <= 255
            }
    }

    /// RFC 4291 text forms: eight groups, `::` once, an IPv4 tail; no zone.
    static func isIPv6(_ text: String) -> Bool {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isHexDigit || $0 == ":" || $0 == ".") }) else { return false }
        var body = Substring(text)
        var tailGroups = 0
        if body.contains(".") {
            guard let lastColon = body.lastIndex(of: ":"), isIPv4(String(body[body.index(after: lastColon)...])) else {
                return false
            }
            tailGroups = 2
            body = body[...lastColon]
            if !body.hasSuffix("::") { body = body.dropLast() }
        }
        let halves = body.split(separator: "::", omittingEmptySubsequences: false)
        switch halves.count {
        case 1:
            guard let groups = groupCount(body) else { return false }
            return groups + tailGroups == 8
        case 2:
            guard let left = groupCount(halves[0]), let right = groupCount(halves[1]) else { return false }
            return left + right + tailGroups <= 7
        default:
            return false
        }
    }

    /// Colon-separated groups of one to four hex digits; an empty text has none.
    private static func groupCount(_ text: Substring) -> Int? {
        guard !text.isEmpty else { return 0 }
        let groups = text.split(separator: ":", omittingEmptySubsequences: false)
        guard groups.allSatisfy({ (1...4).contains($0.count) && !$0.contains(".") }) else { return nil }
        return groups.count
    }
}
