/// Email addresses, hostnames and IP addresses.
enum NetworkFormats {
    /// `local@domain`: a dot-atom or quoted local part; a hostname or an address literal
    /// (`[127.0.0.1]`, `[IPv6:::1]`) after the `@`.
    static func isEmail(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard let at = bytes.lastIndex(of: UInt8(ascii: "@")), at > 0, at < bytes.count - 1 else { return false }
        let local = bytes[..<at]
        let domain = bytes[(at + 1)...]
        let localValid: Bool
        if local.count >= 2, local.first == UInt8(ascii: "\""), local.last == UInt8(ascii: "\"") {
            localValid = local.dropFirst().dropLast().allSatisfy { $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
        } else {
            localValid = local.allSatisfy(isAtomByte)
                && local.first != UInt8(ascii: ".") && local.last != UInt8(ascii: ".")
                && !zip(local, local.dropFirst()).contains { $0 == UInt8(ascii: ".") && $1 == UInt8(ascii: ".") }
        }
        guard localValid else { return false }
        if domain.first == UInt8(ascii: "["), domain.last == UInt8(ascii: "]") {
            let literal = String(decoding: domain.dropFirst().dropLast(), as: UTF8.self)
            if literal.hasPrefix("IPv6:") { return isIPv6(String(literal.dropFirst(5))) }
            return isIPv4(literal)
        }
        return isHostname(bytes: domain)
    }

    /// Letters, digits and the specials RFC 5322 allows in an atom, and the dot.
    private static func isAtomByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x41...0x5A, 0x61...0x7A, 0x30...0x39: true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
             UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "/"),
             UInt8(ascii: "="), UInt8(ascii: "?"), UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"),
             UInt8(ascii: "{"), UInt8(ascii: "|"), UInt8(ascii: "}"), UInt8(ascii: "~"), UInt8(ascii: "."): true
        default: false
        }
    }

    /// RFC 1123: dot-separated labels of letters, digits and inner hyphens, 1 to 63
    /// characters each, 253 in all.
    static func isHostname(_ text: String) -> Bool {
        isHostname(bytes: Array(text.utf8)[...])
    }

    private static func isHostname(bytes: ArraySlice<UInt8>) -> Bool {
        let name = bytes.last == UInt8(ascii: ".") ? bytes.dropLast() : bytes
        guard !name.isEmpty, name.count <= 253 else { return false }
        return name.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).allSatisfy { label in
            guard (1...63).contains(label.count), label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-") else {
                return false
            }
            return label.allSatisfy { (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == UInt8(ascii: "-") }
        }
    }

    /// Dotted decimal, four parts of 0 to 255 without leading zeros.
    static func isIPv4(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in
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
