extension JSONValue {
    /// Compact JSON text.
    public var jsonText: String {
        String(decoding: jsonBytes, as: UTF8.self)
    }

    /// Compact JSON as UTF-8 bytes, written straight into one buffer.
    public var jsonBytes: [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        write(to: &output)
        return output
    }

    /// Compact JSON with every character outside ASCII written as `\uXXXX` escapes (astral
    /// characters as surrogate pairs, `\ud83d\ude00`): the same value, as strict ASCII clients
    /// send it.
    public var asciiJSONBytes: [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        write(to: &output)
        guard output.contains(where: { $0 >= 0x80 }) else { return output }
        var escaped: [UInt8] = []
        escaped.reserveCapacity(output.count + 32)
        for scalar in String(decoding: output, as: UTF8.self).unicodeScalars {
            if scalar.isASCII {
                escaped.append(UInt8(scalar.value))
            } else {
                for unit in String(scalar).utf16 {
                    escaped += [UInt8(ascii: "\\"), UInt8(ascii: "u")]
                    for shift in stride(from: 12, through: 0, by: -4) { escaped.append(Self.hexDigits[Int((unit >> UInt16(shift)) & 0xF)]) }
                }
            }
        }
        return escaped
    }

    /// JSON text cut to about `limit` characters, for messages.
    public func truncatedText(limit: Int = 80) -> String {
        let text = jsonText
        guard text.count > limit else { return text }
        return String(text.prefix(limit)) + "…"
    }

    func write(to output: inout [UInt8]) {
        switch self {
        case .null: output += Self.nullBytes
        case .bool(let value): output += value ? Self.trueBytes : Self.falseBytes
        case .number(let number): output += Array(number.description.utf8)
        case .string(let value): JSONValue.writeString(value, to: &output)
        case .array(let items):
            output.append(UInt8(ascii: "["))
            for (offset, item) in items.enumerated() {
                if offset > 0 { output.append(UInt8(ascii: ",")) }
                item.write(to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            output.append(UInt8(ascii: "{"))
            for (offset, member) in object.enumerated() {
                if offset > 0 { output.append(UInt8(ascii: ",")) }
                JSONValue.writeString(member.key, to: &output)
                output.append(UInt8(ascii: ":"))
                member.value.write(to: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    private static let nullBytes = Array("null".utf8)
    private static let trueBytes = Array("true".utf8)
    private static let falseBytes = Array("false".utf8)
    private static let hexDigits = Array("0123456789abcdef".utf8)

    static func writeString(_ value: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        // Most strings need no escape: copied whole.
        if !value.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            output.append(contentsOf: value.utf8)
            output.append(UInt8(ascii: "\""))
            return
        }
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): output += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: output += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: output += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: output += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20:
                output += [
                    UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                    hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)],
                ]
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
