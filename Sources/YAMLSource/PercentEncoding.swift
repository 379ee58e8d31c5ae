/// Percent-encoding for URIs: `$ref` paths and fragments, request paths, query strings and
/// form bodies. One implementation for every stage.
public enum PercentEncoding {
    /// The text with every `%XX` decoded as UTF-8; `nil` when an escape is malformed.
    public static func decode(_ text: some StringProtocol) -> String? {
        decode(text, plusIsSpace: false, strict: true)
    }

    /// The text with every well-formed `%XX` decoded (a malformed one is kept as written), and
    /// `+` read as a space in query strings and forms.
    public static func decodeLeniently(_ text: some StringProtocol, plusIsSpace: Bool = false) -> String {
        decode(text, plusIsSpace: plusIsSpace, strict: false) ?? String(text)
    }

    private static func decode(_ text: some StringProtocol, plusIsSpace: Bool, strict: Bool) -> String? {
        // Bytes, not Characters: the common case (nothing encoded) is decided without
        // grapheme breaking.
        guard text.utf8.contains(UInt8(ascii: "%")) || (plusIsSpace && text.utf8.contains(UInt8(ascii: "+"))) else { return String(text) }
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            if plusIsSpace, byte == UInt8(ascii: "+") {
                bytes.append(0x20)
                continue
            }
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard utf8.count >= 2, let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) else {
                if strict { return nil }
                bytes.append(byte)
                continue
            }
            bytes.append(value)
            utf8 = utf8.dropFirst(2)
        }
        return strict ? String(validating: bytes, as: UTF8.self) : String(decoding: bytes, as: UTF8.self)
    }

    /// The text with every byte but the unreserved ones (`A-Z a-z 0-9 - . _ ~`) as `%XX`; in a
    /// form, spaces as `+`.
    public static func encode(_ text: some StringProtocol, spaceAsPlus: Bool = false) -> String {
        escaping(text, spaceAsPlus: spaceAsPlus) { isUnreserved($0) }
    }

    /// A path segment's text with what a path cannot carry as is (`#`, `?`, `%`, spaces,
    /// non-ASCII) as `%XX`; what it can (unreserved, sub-delims, `:`, `@`) kept, RFC 3986 `pchar`.
    public static func encodePath(_ text: some StringProtocol) -> String {
        escaping(text, spaceAsPlus: false) { byte in
            switch byte {
            case UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"),
                UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="), UInt8(ascii: ":"),
                UInt8(ascii: "@"):
                true
            default: isUnreserved(byte)
            }
        }
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"): true
        default: false
        }
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// The text's bytes, each `kept` as it is and every other one as `%XX` (a space as `+` when
    /// asked), written into one buffer.
    private static func escaping(_ text: some StringProtocol, spaceAsPlus: Bool, kept: (UInt8) -> Bool) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if kept(byte) {
                output.append(byte)
            } else if spaceAsPlus, byte == UInt8(ascii: " ") {
                output.append(UInt8(ascii: "+"))
            } else {
                output += [UInt8(ascii: "%"), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
