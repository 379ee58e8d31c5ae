/// The other grammars an email address is read by, beside RFC 5321's `Mailbox` (the validator's
/// own reading, `NetworkFormats.isEmail`) and RFC 6531's (`isIDNEmail`). An answer is judged by
/// all of them (`FormatReading.anyReading`): a server that checks addresses by any one of them
/// is faithful, so what it accepts and echoes must pass.
enum EmailGrammars {
    /// HTML's "valid email address" (WHATWG), what browsers apply to `<input type=email>`:
    /// `1*( atext / "." ) "@" label *( "." label )`, a label being 1 to 63 letters, digits and
    /// hyphens, with neither end a hyphen. Dots may stand anywhere before the `@`.
    static func isWHATWG(_ text: String) -> Bool {
        text.withUTF8Bytes { bytes in
            guard let at = bytes.firstIndex(of: UInt8(ascii: "@")), at > bytes.startIndex else { return false }
            let local = bytes[..<at]
            guard local.allSatisfy({ $0 == UInt8(ascii: ".") || isAtext($0) }) else { return false }
            var labelLength = 0
            var previous: UInt8 = UInt8(ascii: ".")
            for byte in bytes[(at + 1)...] {
                if byte == UInt8(ascii: ".") {
                    guard labelLength > 0, previous != UInt8(ascii: "-") else { return false }
                    labelLength = 0
                } else {
                    guard isLetterOrDigit(byte) || (byte == UInt8(ascii: "-") && labelLength > 0) else { return false }
                    labelLength += 1
                    guard labelLength <= 63 else { return false }
                }
                previous = byte
            }
            return labelLength > 0 && previous != UInt8(ascii: "-")
        }
    }

    /// RFC 5322 section 3.4.1 `addr-spec = local-part "@" domain`, with comments and folding
    /// white space wherever the grammar allows them and the obsolete forms section 4.4 says a
    /// reader must accept (`obs-local-part`, `obs-domain`, control characters in quotes,
    /// comments and literals). ASCII only: RFC 6532's UTF-8 is another reading.
    static func isAddrSpec(_ text: String) -> Bool {
        text.withUTF8Bytes { bytes in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return false }
            var reader = AddrSpecReader(bytes: Array(bytes))
            return reader.addrSpec()
        }
    }

    /// `atext` (RFC 5322 section 3.2.3): letters, digits and ``!#$%&'*+-/=?^_`{|}~``.
    static func isAtext(_ byte: UInt8) -> Bool {
        isLetterOrDigit(byte) || atextSpecials.contains(byte)
    }

    private static let atextSpecials = Set("!#$%&'*+-/=?^_`{|}~".utf8)

    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
    }
}

/// A recursive-descent reader of RFC 5322's `addr-spec`. The grammar decides at each step by the
/// next character (a quote opens a quoted string, `(` a comment, `[` a domain literal), so no
/// step needs to look back; `obs-local-part = word *("." word)` covers `dot-atom` and
/// `quoted-string`, and `obs-domain = atom *("." atom)` covers `dot-atom`.
private struct AddrSpecReader {
    let bytes: [UInt8]
    var position = 0

    private var next: UInt8? { position < bytes.count ? bytes[position] : nil }

    mutating func addrSpec() -> Bool {
        guard words(), next == UInt8(ascii: "@") else { return false }
        position += 1
        return domain() && position == bytes.count
    }

    /// `word *("." word)`, `word = atom / quoted-string`, each with comments around it.
    private mutating func words() -> Bool {
        repeat {
            cfws()
            if next == UInt8(ascii: "\"") {
                guard quotedString() else { return false }
            } else {
                guard atext() else { return false }
            }
            cfws()
        } while consume(UInt8(ascii: "."))
        return true
    }

    /// `obs-domain = atom *("." atom)` or `domain-literal`.
    private mutating func domain() -> Bool {
        cfws()
        if next == UInt8(ascii: "[") {
            guard domainLiteral() else { return false }
            cfws()
            return true
        }
        repeat {
            cfws()
            guard atext() else { return false }
            cfws()
        } while consume(UInt8(ascii: "."))
        return true
    }

    private mutating func atext() -> Bool {
        let start = position
        while let byte = next, EmailGrammars.isAtext(byte) { position += 1 }
        return position > start
    }

    /// `DQUOTE *([FWS] qcontent) [FWS] DQUOTE`.
    private mutating func quotedString() -> Bool {
        enclosed(closing: UInt8(ascii: "\""), excluding: [UInt8(ascii: "\"")], nests: false)
    }

    /// `"[" *([FWS] dtext) [FWS] "]"`; `obs-dtext` takes quoted pairs and control characters.
    private mutating func domainLiteral() -> Bool {
        enclosed(closing: UInt8(ascii: "]"), excluding: [UInt8(ascii: "["), UInt8(ascii: "]")], nests: false)
    }

    /// `comment = "(" *([FWS] ccontent) [FWS] ")"`, `ccontent = ctext / quoted-pair / comment`.
    private mutating func comment() -> Bool {
        enclosed(closing: UInt8(ascii: ")"), excluding: [UInt8(ascii: "("), UInt8(ascii: ")")], nests: true)
    }

    /// The three enclosed forms alike, from the opening character on: folding white space,
    /// quoted pairs and text (printable ASCII and the obsolete controls, less `excluding`)
    /// until `closing`; `nests`: a comment may hold comments.
    private mutating func enclosed(closing: UInt8, excluding excluded: [UInt8], nests: Bool) -> Bool {
        position += 1
        while true {
            guard fws(), let byte = next else { return false }
            if byte == closing { break }
            if byte == UInt8(ascii: "\\") {
                guard quotedPair() else { return false }
            } else if nests, byte == UInt8(ascii: "(") {
                guard comment() else { return false }
            } else {
                guard Self.isText(byte, excluding: excluded) else { return false }
                position += 1
            }
        }
        position += 1
        return true
    }

    /// `quoted-pair = ("\" (VCHAR / WSP)) / obs-qp`, `obs-qp = "\" (%d0 / obs-NO-WS-CTL / LF / CR)`:
    /// a backslash before any ASCII character.
    private mutating func quotedPair() -> Bool {
        guard position + 1 < bytes.count, bytes[position + 1] < 0x80 else { return false }
        position += 2
        return true
    }

    /// `[CFWS]`: comments and folding white space, in any alternation. Whether it is well folded
    /// is `fws`'s to say; a broken fold leaves a character no rule takes.
    private mutating func cfws() {
        while fws(), next == UInt8(ascii: "(") {
            guard comment() else {
                position = bytes.count + 1
                return
            }
        }
    }

    /// `[FWS]`: `([*WSP CRLF] 1*WSP) / obs-FWS`, `obs-FWS = 1*WSP *(CRLF 1*WSP)`. A fold that
    /// starts the run may not be followed by another. `false` when a fold is broken (a CR or LF
    /// that no rule takes).
    private mutating func fws() -> Bool {
        let startedWithSpace = next.map(Self.isWSP) ?? false
        var folds = 0
        while let byte = next {
            if Self.isWSP(byte) {
                position += 1
            } else if byte == 0x0D, position + 2 < bytes.count, bytes[position + 1] == 0x0A, Self.isWSP(bytes[position + 2]) {
                guard startedWithSpace || folds == 0 else { return false }
                folds += 1
                position += 2
            } else {
                break
            }
        }
        return next != 0x0D && next != 0x0A
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard next == byte else { return false }
        position += 1
        return true
    }

    private static func isWSP(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    /// `qtext`, `ctext` or `dtext` with their obsolete control characters: printable ASCII but the
    /// backslash and `excluded`, and the controls other than white space, CR, LF and NUL
    /// (`obs-NO-WS-CTL = %d1-8 / %d11 / %d12 / %d14-31 / %d127`).
    private static func isText(_ byte: UInt8, excluding excluded: [UInt8]) -> Bool {
        switch byte {
        case 33...126: byte != UInt8(ascii: "\\") && !excluded.contains(byte)
        case 1...8, 11, 12, 14...31, 127: true
        default: false
        }
    }
}
