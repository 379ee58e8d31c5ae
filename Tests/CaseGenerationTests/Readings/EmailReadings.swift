/// The grammars an email address is read by, written from their texts, independently of the
/// validator: each says whether a text is an address under that reading.
enum EmailReading: String, CaseIterable {
    /// HTML's "valid email address" (WHATWG), the pattern browsers apply to `type=email`.
    case whatwg = "WHATWG"
    /// RFC 5321 section 4.1.2 `Mailbox`, with the lengths of section 4.5.3.1.
    case rfc5321 = "RFC 5321"
    /// RFC 5322 section 3.4.1 `addr-spec`, comments, folding white space and the obsolete
    /// forms of section 4.4 included.
    case rfc5322 = "RFC 5322"
    /// RFC 6531: RFC 5321 with UTF-8 in the local part and U-labels in the domain.
    case rfc6531 = "RFC 6531"

    /// The ASCII readings, which every ASCII form must agree with.
    static let ascii: [EmailReading] = [.whatwg, .rfc5321, .rfc5322]

    func accepts(_ text: String) -> Bool {
        switch self {
        case .whatwg: WHATWGEmail.accepts(Array(text.unicodeScalars))
        case .rfc5321: SMTPMailbox(utf8: false).accepts(Array(text.unicodeScalars))
        case .rfc6531: SMTPMailbox(utf8: true).accepts(Array(text.unicodeScalars))
        case .rfc5322: AddrSpec.accepts(Array(text.unicodeScalars))
        }
    }
}

/// `atext` of RFC 5322 section 3.2.3.
func isAtext(_ scalar: Unicode.Scalar) -> Bool {
    isAlpha(scalar) || isDigit(scalar) || "!#$%&'*+-/=?^_`{|}~".unicodeScalars.contains(scalar)
}

func isAlpha(_ scalar: Unicode.Scalar) -> Bool { ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) }
func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

/// `/^[a-zA-Z0-9.!#$%&'*+\/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/`
enum WHATWGEmail {
    static func accepts(_ text: [Unicode.Scalar]) -> Bool {
        guard let at = text.firstIndex(of: "@") else { return false }
        let local = text[..<at]
        let domain = text[(at + 1)...]
        guard !local.isEmpty, local.allSatisfy({ $0 == "." || isAtext($0) }) else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        return labels.allSatisfy { label in
            guard (1...63).contains(label.count), label.first != "-", label.last != "-" else { return false }
            return label.allSatisfy { isAlpha($0) || isDigit($0) || $0 == "-" }
        }
    }
}

/// RFC 5321 `Mailbox = Local-part "@" ( Domain / address-literal )`, `Local-part = Dot-string /
/// Quoted-string`; the local part at most 64 octets, the domain 255, the whole (inside a
/// 256-octet path with its brackets) 254. With `utf8`, RFC 6531's extension: `atext` and
/// `qtextSMTP` also take UTF-8 beyond ASCII, a sub-domain may be a U-label.
struct SMTPMailbox {
    var utf8: Bool

    func accepts(_ text: [Unicode.Scalar]) -> Bool {
        guard let at = text.lastIndex(of: "@") else { return false }
        let local = Array(text[..<at])
        let domain = Array(text[(at + 1)...])
        guard octets(local) <= 64, octets(domain) <= 255, octets(text) <= 254 else { return false }
        return (isDotString(local) || isQuotedString(local)) && (isDomain(domain) || isAddressLiteral(domain))
    }

    private func octets(_ scalars: [Unicode.Scalar]) -> Int { scalars.reduce(0) { $0 + String($1).utf8.count } }

    private func isAtom(_ scalars: ArraySlice<Unicode.Scalar>) -> Bool {
        !scalars.isEmpty && scalars.allSatisfy { isAtext($0) || (utf8 && !$0.isASCII) }
    }

    private func isDotString(_ scalars: [Unicode.Scalar]) -> Bool {
        scalars.split(separator: ".", omittingEmptySubsequences: false).allSatisfy(isAtom)
    }

    private func isQuotedString(_ scalars: [Unicode.Scalar]) -> Bool {
        guard scalars.count >= 2, scalars.first == "\"", scalars.last == "\"" else { return false }
        var inner = scalars.dropFirst().dropLast()[...]
        while let scalar = inner.popFirst() {
            if scalar == "\\" {
                guard let escaped = inner.popFirst(), (32...126).contains(escaped.value) else { return false }
            } else if !((32...33).contains(scalar.value) || (35...91).contains(scalar.value) || (93...126).contains(scalar.value)
                || (utf8 && !scalar.isASCII))
            {
                return false
            }
        }
        return true
    }

    /// `sub-domain = Let-dig [Ldh-str]` (or a U-label), labels of at most 63 octets.
    private func isDomain(_ scalars: [Unicode.Scalar]) -> Bool {
        scalars.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            guard !label.isEmpty, label.first != "-", label.last != "-" else { return false }
            if utf8, label.contains(where: { !$0.isASCII }) {
                return label.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "-" }
            }
            return octets(Array(label)) <= 63 && label.allSatisfy { isAlpha($0) || isDigit($0) || $0 == "-" }
        }
    }

    /// `"[" IPv4-address-literal / IPv6-address-literal / General-address-literal "]"`, read
    /// loosely: brackets around what no plain domain holds.
    private func isAddressLiteral(_ scalars: [Unicode.Scalar]) -> Bool {
        scalars.count > 2 && scalars.first == "[" && scalars.last == "]"
            && scalars.dropFirst().dropLast().allSatisfy { (33...90).contains($0.value) || (94...126).contains($0.value) }
    }
}

/// `obs-NO-WS-CTL = %d1-8 / %d11 / %d12 / %d14-31 / %d127` (RFC 5322 section 4.1): controls
/// the obsolete syntax allows in quoted strings, comments and domain literals.
func isObsoleteControl(_ scalar: Unicode.Scalar) -> Bool {
    [1...8, 11...12, 14...31, 127...127].contains { $0.contains(scalar.value) }
}

/// RFC 5322 `addr-spec = local-part "@" domain`, by recursive descent: `dot-atom`,
/// `quoted-string`, `domain-literal`, comments and folding white space (CFWS) wherever the
/// grammar allows them, and the obsolete `obs-local-part`, `obs-domain` and the controls of
/// `obs-qtext`, `obs-ctext`, `obs-dtext` and `obs-qp`.
struct AddrSpec {
    private let text: [Unicode.Scalar]
    private var position = 0

    static func accepts(_ text: [Unicode.Scalar]) -> Bool {
        // Every `@` could end the local part; the grammar decides which (a quoted string may
        // hold one).
        for at in text.indices where text[at] == "@" {
            var local = AddrSpec(text: Array(text[..<at]))
            var domain = AddrSpec(text: Array(text[(at + 1)...]))
            if local.localPart(), local.atEnd, domain.domain(), domain.atEnd { return true }
        }
        return false
    }

    private init(text: [Unicode.Scalar]) { self.text = text }

    private var atEnd: Bool { position == text.count }
    private var next: Unicode.Scalar? { position < text.count ? text[position] : nil }

    /// `local-part = dot-atom / quoted-string / obs-local-part` (`obs-local-part = word *("." word)`
    /// holds the other two).
    private mutating func localPart() -> Bool {
        let start = position
        if dotAtom(), atEnd { return true }
        position = start
        return words()
    }

    /// `domain = dot-atom / domain-literal / obs-domain` (`obs-domain = atom *("." atom)`).
    private mutating func domain() -> Bool {
        let start = position
        if dotAtom(), atEnd { return true }
        position = start
        if domainLiteral(), atEnd { return true }
        position = start
        guard atom() else { return false }
        while next == "." {
            position += 1
            guard atom() else { return false }
        }
        return true
    }

    /// `word *("." word)`, `word = atom / quoted-string`.
    private mutating func words() -> Bool {
        guard word() else { return false }
        while next == "." {
            position += 1
            guard word() else { return false }
        }
        return true
    }

    private mutating func word() -> Bool {
        let start = position
        if atom() { return true }
        position = start
        return quotedString()
    }

    /// `atom = [CFWS] 1*atext [CFWS]`.
    private mutating func atom() -> Bool {
        _ = cfws()
        guard atext() else { return false }
        _ = cfws()
        return true
    }

    private mutating func atext() -> Bool {
        let start = position
        while let scalar = next, isAtext(scalar) { position += 1 }
        return position > start
    }

    /// `dot-atom = [CFWS] 1*atext *("." 1*atext) [CFWS]`.
    private mutating func dotAtom() -> Bool {
        _ = cfws()
        guard atext() else { return false }
        while next == "." {
            position += 1
            guard atext() else { return false }
        }
        _ = cfws()
        return true
    }

    /// `quoted-string = [CFWS] DQUOTE *([FWS] qcontent) [FWS] DQUOTE [CFWS]`.
    private mutating func quotedString() -> Bool {
        _ = cfws()
        guard next == "\"" else { return false }
        position += 1
        while true {
            _ = fws()
            guard let scalar = next else { return false }
            if scalar == "\"" { break }
            if scalar == "\\" {
                guard quotedPair() else { return false }
            } else if (33...126).contains(scalar.value) || isObsoleteControl(scalar), scalar != "\"", scalar != "\\" {
                position += 1
            } else {
                return false
            }
        }
        position += 1
        _ = cfws()
        return true
    }

    /// `domain-literal = [CFWS] "[" *([FWS] dtext) [FWS] "]" [CFWS]`.
    private mutating func domainLiteral() -> Bool {
        _ = cfws()
        guard next == "[" else { return false }
        position += 1
        while true {
            _ = fws()
            guard let scalar = next else { return false }
            if scalar == "]" { break }
            if scalar == "\\" {
                guard quotedPair() else { return false }
                continue
            }
            guard (33...90).contains(scalar.value) || (94...126).contains(scalar.value) || isObsoleteControl(scalar) else { return false }
            position += 1
        }
        position += 1
        _ = cfws()
        return true
    }

    /// `quoted-pair = ("\" (VCHAR / WSP)) / obs-qp`, `obs-qp = "\" (%d0 / obs-NO-WS-CTL / LF / CR)`.
    private mutating func quotedPair() -> Bool {
        guard next == "\\", position + 1 < text.count else { return false }
        let escaped = text[position + 1]
        guard
            (33...126).contains(escaped.value) || escaped == " " || escaped == "\t" || escaped.value == 0 || escaped == "\r" || escaped == "\n"
                || isObsoleteControl(escaped)
        else { return false }
        position += 2
        return true
    }

    /// White space, folded or not (a CRLF must be followed by white space).
    private mutating func fws() -> Bool {
        let start = position
        while let scalar = next {
            if scalar == " " || scalar == "\t" {
                position += 1
            } else if scalar == "\r", position + 2 < text.count, text[position + 1] == "\n", text[position + 2] == " " || text[position + 2] == "\t" {
                position += 3
            } else {
                break
            }
        }
        return position > start
    }

    /// `CFWS = (1*([FWS] comment) [FWS]) / FWS`.
    private mutating func cfws() -> Bool {
        let start = position
        while true {
            _ = fws()
            guard comment() else { break }
        }
        return position > start
    }

    /// `comment = "(" *([FWS] ccontent) [FWS] ")"`, nested comments included.
    private mutating func comment() -> Bool {
        guard next == "(" else { return false }
        let start = position
        position += 1
        while true {
            _ = fws()
            guard let scalar = next else {
                position = start
                return false
            }
            if scalar == ")" { break }
            if scalar == "(" {
                guard comment() else {
                    position = start
                    return false
                }
            } else if scalar == "\\" {
                guard quotedPair() else {
                    position = start
                    return false
                }
            } else if (33...126).contains(scalar.value) || isObsoleteControl(scalar) {
                position += 1
            } else {
                position = start
                return false
            }
        }
        position += 1
        return true
    }
}
