import YAMLSource

/// Parses JSON text (RFC 8259) into a `JSONValue`, keeping numbers exact; a problem is a
/// diagnostic with the line and column where the text stops being JSON.
public struct JSONParser {
    /// Deepest nesting accepted.
    public var maxDepth = 512

    /// A parser (RFC 8259, numbers kept exact).
    public init() {}

    /// Parses `bytes`, naming `file` in any diagnostic.
    public func parse(_ bytes: [UInt8], file: String = "<body>") throws(Diagnostic) -> JSONValue {
        try bytes.withUnsafeBufferPointer { buffer throws(Diagnostic) in
            var reader = Reader(bytes: buffer, maxDepth: maxDepth)
            do throws(Failure) {
                reader.skipWhitespace()
                let value = try reader.value(depth: 0)
                reader.skipWhitespace()
                guard reader.index == buffer.count else { throw reader.failure("expected the end of the text after the JSON value") }
                return value
            } catch {
                let source = SourceFile(path: file, bytes: bytes)
                let (line, column) = source.position(ofByteOffset: error.offset)
                throw Diagnostic.error(error.message, at: Mark(file: file, line: line, column: column))
            }
        }
    }

    /// The value in `text`; an error names `file`, the line and the column.
    public func parse(_ text: String, file: String = "<body>") throws(Diagnostic) -> JSONValue {
        try parse(Array(text.utf8), file: file)
    }

    struct Failure: Error {
        var message: String
        var offset: Int
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        let maxDepth: Int
        var index = 0

        init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
            self.bytes = bytes
            self.maxDepth = maxDepth
        }

        func failure(_ message: String) -> Failure {
            Failure(message: message, offset: index)
        }

        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x0A, 0x0D, 0x09: index += 1
                default: return
                }
            }
        }

        mutating func value(depth: Int) throws(Failure) -> JSONValue {
            guard let byte = current else { throw failure("unexpected end of the text: expected a JSON value") }
            switch byte {
            case UInt8(ascii: "{"): return try object(depth: depth + 1)
            case UInt8(ascii: "["): return try array(depth: depth + 1)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"):
                try word("true")
                return .bool(true)
            case UInt8(ascii: "f"):
                try word("false")
                return .bool(false)
            case UInt8(ascii: "n"):
                try word("null")
                return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
            default:
                throw failure("unexpected character '\(Self.show(byte))': expected a JSON value (object, array, string, number, true, false or null)")
            }
        }

        static func show(_ byte: UInt8) -> String {
            byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : "\\u{\(String(byte, radix: 16))}"
        }

        mutating func word(_ word: StaticString) throws(Failure) {
            let count = word.utf8CodeUnitCount
            let matches =
                index + count <= bytes.count
                && word.withUTF8Buffer { expected in
                    (0..<count).allSatisfy { bytes[index + $0] == expected[$0] }
                }
            guard matches else { throw failure("invalid literal: expected '\(word)'") }
            index += count
        }

        mutating func object(depth: Int) throws(Failure) -> JSONValue {
            guard depth <= maxDepth else { throw failure("nesting is deeper than \(maxDepth) levels") }
            index += 1
            var members: [JSONObject.Member] = []
            skipWhitespace()
            if current == UInt8(ascii: "}") {
                index += 1
                return .object(JSONObject(members))
            }
            while true {
                skipWhitespace()
                guard current == UInt8(ascii: "\"") else { throw failure("expected a member name in double quotes") }
                let key = try string()
                skipWhitespace()
                guard current == UInt8(ascii: ":") else { throw failure("expected ':' after the member name \"\(key)\"") }
                index += 1
                skipWhitespace()
                members.append(JSONObject.Member(key, try value(depth: depth)))
                skipWhitespace()
                switch current {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "}"):
                    index += 1
                    return .object(JSONObject(members))
                default: throw failure("expected ',' or '}' after an object member")
                }
            }
        }

        mutating func array(depth: Int) throws(Failure) -> JSONValue {
            guard depth <= maxDepth else { throw failure("nesting is deeper than \(maxDepth) levels") }
            index += 1
            var items: [JSONValue] = []
            skipWhitespace()
            if current == UInt8(ascii: "]") {
                index += 1
                return .array(items)
            }
            while true {
                skipWhitespace()
                items.append(try value(depth: depth))
                skipWhitespace()
                switch current {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "]"):
                    index += 1
                    return .array(items)
                default: throw failure("expected ',' or ']' after an array item")
                }
            }
        }

        mutating func number() throws(Failure) -> JSONNumber {
            let start = index
            if current == UInt8(ascii: "-") { index += 1 }
            guard let first = current, first >= 0x30, first <= 0x39 else { throw failure("expected a digit in the number") }
            if first == UInt8(ascii: "0") {
                index += 1
            } else {
                digits()
            }
            if current == UInt8(ascii: ".") {
                index += 1
                guard digits() > 0 else { throw failure("expected a digit after the decimal point") }
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                index += 1
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
                guard digits() > 0 else { throw failure("expected a digit in the exponent") }
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            guard let number = JSONNumber(literal: text) else { throw Failure(message: "invalid number '\(text)'", offset: start) }
            return number
        }

        @discardableResult
        mutating func digits() -> Int {
            let start = index
            while let byte = current, byte >= 0x30, byte <= 0x39 { index += 1 }
            return index - start
        }

        mutating func string() throws(Failure) -> String {
            index += 1
            let start = index
            // Fast path: no escapes.
            while let byte = current, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\"), byte >= 0x20 { index += 1 }
            if current == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
                guard let text = String(validating: slice, as: UTF8.self) else {
                    throw Failure(message: "invalid UTF-8 in a string", offset: start)
                }
                index += 1
                return text
            }
            var scalars: [UInt8] = Array(bytes[start..<index])
            while true {
                guard let byte = current else { throw failure("unterminated string: expected '\"'") }
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    guard let text = String(validating: scalars, as: UTF8.self) else {
                        throw Failure(message: "invalid UTF-8 in a string", offset: start)
                    }
                    return text
                case UInt8(ascii: "\\"):
                    index += 1
                    try escape(into: &scalars)
                case 0..<0x20:
                    throw failure("control character U+\(String(byte, radix: 16, uppercase: true).leftPadded(4)) in a string: expected it escaped")
                default:
                    scalars.append(byte)
                    index += 1
                }
            }
        }

        mutating func escape(into output: inout [UInt8]) throws(Failure) {
            guard let byte = current else { throw failure("unterminated escape") }
            index += 1
            switch byte {
            case UInt8(ascii: "\""): output.append(0x22)
            case UInt8(ascii: "\\"): output.append(0x5C)
            case UInt8(ascii: "/"): output.append(0x2F)
            case UInt8(ascii: "b"): output.append(0x08)
            case UInt8(ascii: "f"): output.append(0x0C)
            case UInt8(ascii: "n"): output.append(0x0A)
            case UInt8(ascii: "r"): output.append(0x0D)
            case UInt8(ascii: "t"): output.append(0x09)
            case UInt8(ascii: "u"):
                var code = try hex4()
                if (0xD800...0xDBFF).contains(code) {
                    guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                        throw failure("a high surrogate must be followed by a low surrogate escape")
                    }
                    index += 2
                    let low = try hex4()
                    guard (0xDC00...0xDFFF).contains(low) else { throw failure("expected a low surrogate escape") }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(code) {
                    throw failure("a low surrogate escape without a high one")
                }
                output.append(contentsOf: Array(String(UnicodeScalar(code)!).utf8))
            default:
                throw failure("invalid escape '\\\(Self.show(byte))'")
            }
        }

        mutating func hex4() throws(Failure) -> UInt32 {
            guard index + 4 <= bytes.count else { throw failure("expected four hex digits after \\u") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt8
                switch byte {
                case 0x30...0x39: digit = byte - 0x30
                case 0x41...0x46: digit = byte - 0x41 + 10
                case 0x61...0x66: digit = byte - 0x61 + 10
                default: throw failure("expected four hex digits after \\u")
                }
                value = value << 4 | UInt32(digit)
                index += 1
            }
            return value
        }
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
