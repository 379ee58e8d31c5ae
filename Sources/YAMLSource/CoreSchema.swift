/// The YAML 1.2 core schema: how an untagged plain scalar resolves to null, bool, int or float.
///
/// Quoted and block scalars are strings, so `200` is an integer and `'200'` a string; consumers
/// that want a key as text read `Scalar.text` either way.
enum CoreSchema {
    static let stringTag = "tag:yaml.org,2002:str"
    static let nullTag = "tag:yaml.org,2002:null"
    static let boolTag = "tag:yaml.org,2002:bool"
    static let intTag = "tag:yaml.org,2002:int"
    static let floatTag = "tag:yaml.org,2002:float"

    static func resolve(text: String, style: Scalar.Style, tag: String?) -> Scalar.Kind {
        var text = text
        return text.withUTF8 { resolve(bytes: $0, style: style, tag: tag) }
    }

    /// The kind of a scalar read straight from the parser's bytes.
    static func resolve(bytes: UnsafeBufferPointer<UInt8>, style: Scalar.Style, tag: String?) -> Scalar.Kind {
        switch tag {
        case stringTag?, "!"?: return .string
        case nullTag?: return .null
        case boolTag?: return .bool
        case intTag?: return .int
        case floatTag?: return .float
        default: break
        }
        guard style == .plain else { return .string }
        return resolvePlain(bytes: bytes)
    }

    static func resolvePlain(bytes: UnsafeBufferPointer<UInt8>) -> Scalar.Kind {
        guard let first = bytes.first else { return .null }
        // Only these first bytes can start a non-string; everything else is text, fast.
        switch first {
        case UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "~"):
            return isNull(bytes) ? .null : .string
        case UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"):
            return isBool(bytes) ? .bool : .string
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."):
            return numberKind(bytes) ?? .string
        default:
            return .string
        }
    }

    private static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ words: StaticString...) -> Bool {
        words.contains { word in
            word.utf8CodeUnitCount == bytes.count
                && word.withUTF8Buffer { $0.elementsEqual(bytes) }
        }
    }

    private static func isNull(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        equals(bytes, "null", "Null", "NULL", "~")
    }

    private static func isBool(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        equals(bytes, "true", "True", "TRUE", "false", "False", "FALSE")
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x66)
    }

    private static func numberKind(_ bytes: UnsafeBufferPointer<UInt8>) -> Scalar.Kind? {
        if bytes.count > 2, bytes[0] == UInt8(ascii: "0") {
            let rest = bytes[2...]
            if bytes[1] == UInt8(ascii: "o") { return rest.allSatisfy { $0 >= 0x30 && $0 <= 0x37 } ? .int : nil }
            if bytes[1] == UInt8(ascii: "x") { return rest.allSatisfy(isHexDigit) ? .int : nil }
        }
        if equals(bytes, ".nan", ".NaN", ".NAN") { return .float }
        var index = 0
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") { index = 1 }
        let unsigned = UnsafeBufferPointer(rebasing: bytes[index...])
        if equals(unsigned, ".inf", ".Inf", ".INF") { return .float }

        var integerDigits = 0
        while index < bytes.count, isDigit(bytes[index]) {
            index += 1
            integerDigits += 1
        }
        if index == bytes.count { return integerDigits > 0 ? .int : nil }
        var fractionDigits = 0
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < bytes.count, isDigit(bytes[index]) {
                index += 1
                fractionDigits += 1
            }
        }
        // `[0-9]+(\.[0-9]*)?` or `\.[0-9]+`
        guard integerDigits > 0 || fractionDigits > 0 else { return nil }
        if index < bytes.count {
            guard bytes[index] | 0x20 == UInt8(ascii: "e") else { return nil }
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
            var exponentDigits = 0
            while index < bytes.count, isDigit(bytes[index]) {
                index += 1
                exponentDigits += 1
            }
            guard exponentDigits > 0, index == bytes.count else { return nil }
        }
        return .float
    }

    static func bool(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE": true
        case "false", "False", "FALSE": false
        default: nil
        }
    }

    static func int(_ text: String) -> Int? {
        if text.hasPrefix("0o") { return Int(text.dropFirst(2), radix: 8) }
        if text.hasPrefix("0x") { return Int(text.dropFirst(2), radix: 16) }
        return Int(text)
    }

    static func double(_ text: String) -> Double? {
        var sign = 1.0
        var body = Substring(text)
        if body.first == "-" {
            sign = -1
            body = body.dropFirst()
        } else if body.first == "+" {
            body = body.dropFirst()
        }
        switch body {
        case ".inf", ".Inf", ".INF": return sign * .infinity
        case ".nan", ".NaN", ".NAN": return .nan
        default: return Double(text)
        }
    }
}
