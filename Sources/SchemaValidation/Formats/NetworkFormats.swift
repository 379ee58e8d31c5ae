/// Email addresses, hostnames and IP addresses.
enum NetworkFormats {
    /// `local@domain`: a dot-atom or quoted local part; a hostname or an address literal
    /// (`[127.0.0.1]`, `[IPv6:::1]`) after the `@`.
    static func isEmail(_ text: String) -> Bool {
        guard let at = text.lastIndex(of: "@") else { return false }
        let local = text[..<at]
        let domain = String(text[text.index(after: at)...])
        guard !local.isEmpty, !domain.isEmpty else { return false }
        let localValid: Bool
        if local.count >= 2, local.first == "\"", local.last == "\"" {
            let inner = local.dropFirst().dropLast()
            localValid = !inner.contains { $0 == "\"" || $0 == "\\" || $0.unicodeScalars.contains { $0.value < 0x20 } }
        } else {
            let allowed = Set("!#$%&'*+-/=?^_`{|}~.")
            localValid = local.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || allowed.contains($0) }
                && local.first != "." && local.last != "." && !local.contains("..")
        }
        guard localValid else { return false }
        if domain.hasPrefix("["), domain.hasSuffix("]") {
            let literal = String(domain.dropFirst().dropLast())
            if literal.hasPrefix("IPv6:") { return isIPv6(String(literal.dropFirst(5))) }
            return isIPv4(literal)
        }
        return isHostname(domain)
    }

    /// RFC 1123: dot-separated labels of letters, digits and inner hyphens, 1 to 63
    /// characters each, 253 in all.
    static func isHostname(_ text: String) -> Bool {
        let name = text.hasSuffix(".") ? String(text.dropLast()) : text
        guard !name.isEmpty, name.utf8.count <= 253 else { return false }
        return name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            guard (1...63).contains(label.utf8.count), label.first != "-", label.last != "-" else { return false }
            return label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
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
