/// Rewrites JSON's surrogate-pair escapes (`\uD83D\uDE00`) as YAML's 32-bit escape
/// (`\U0001F600`). Columns after a rewritten pair on its line move left by two.
enum SurrogateEscapes {
    /// The rewritten bytes, or `nil` when there is no pair to rewrite.
    static func rewrite(_ bytes: [UInt8]) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        var changed = false
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\\"), index + 11 < bytes.count,
                bytes[index + 1] == UInt8(ascii: "u"), bytes[index + 6] == UInt8(ascii: "\\"), bytes[index + 7] == UInt8(ascii: "u"),
                let high = hex(bytes[(index + 2)..<(index + 6)]), let low = hex(bytes[(index + 8)..<(index + 12)]),
                (0xD800...0xDBFF).contains(high), (0xDC00...0xDFFF).contains(low)
            {
                let scalar = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                let digits = Array(String(scalar, radix: 16, uppercase: true).utf8)
                output += Array("\\U".utf8) + Array(repeating: UInt8(ascii: "0"), count: 8 - digits.count) + digits
                index += 12
                changed = true
            } else if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count {
                output += bytes[index...(index + 1)]  // an escaped backslash cannot start an escape
                index += 2
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return changed ? output : nil
    }

    private static func hex(_ digits: ArraySlice<UInt8>) -> UInt32? {
        UInt32(String(decoding: digits, as: UTF8.self), radix: 16)
    }
}
