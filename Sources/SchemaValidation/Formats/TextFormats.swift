/// UUIDs, regular expressions, JSON pointers and base64.
public enum TextFormats {
    /// `8-4-4-4-12` hex digits (RFC 9562's text form, either case).
    public static func isUUID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return false }
        for (offset, byte) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(offset) {
                guard byte == UInt8(ascii: "-") else { return false }
            } else if !Character(UnicodeScalar(byte)).isHexDigit {
                return false
            }
        }
        return true
    }

    static func isRegex(_ text: String) -> Bool {
        (try? ECMARegex.compile(text)) != nil
    }

    /// `""` or `/token/token`, with `~` only in `~0` and `~1`.
    static func isJSONPointer(_ text: String) -> Bool {
        guard !text.isEmpty else { return true }
        guard text.hasPrefix("/") else { return false }
        var characters = text.makeIterator()
        while let character = characters.next() {
            if character == "~" {
                let next = characters.next()
                guard next == "0" || next == "1" else { return false }
            }
        }
        return true
    }

    /// A non-negative integer (no leading zeros) followed by `#` or a JSON pointer.
    static func isRelativeJSONPointer(_ text: String) -> Bool {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits == "0" || digits.first != "0" else { return false }
        let rest = String(text.dropFirst(digits.count))
        return rest == "#" || isJSONPointer(rest)
    }

    /// RFC 4648 base64: the standard alphabet, padded to a multiple of four.
    static func isBase64(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count % 4 == 0 else { return false }
        let padding = bytes.reversed().prefix { $0 == UInt8(ascii: "=") }.count
        guard padding <= 2 else { return false }
        return bytes.dropLast(padding).allSatisfy { byte in
            (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "/")
        }
    }
}
