import Foundation

/// How stored requests and answers write a body: its text when it is UTF-8 (every JSON and
/// form body), else base64 under a key of its own, so a stored run stays readable and small (a
/// byte array would cost four characters a byte) and every byte reads back as it was.
public enum StoredBody {
    /// Writes `body` under `text`, or as base64 under `base64` when it is not UTF-8.
    public static func write<Key: CodingKey>(
        _ body: [UInt8], to container: inout KeyedEncodingContainer<Key>, text: Key, base64: Key
    ) throws {
        if let string = String(validating: body, as: UTF8.self) {
            try container.encode(string, forKey: text)
        } else {
            try container.encode(Data(body).base64EncodedString(), forKey: base64)
        }
    }

    /// Reads a body written either way; `nil` when there is none.
    public static func read<Key: CodingKey>(_ container: KeyedDecodingContainer<Key>, text: Key, base64: Key) throws -> [UInt8]? {
        if let string = try container.decodeIfPresent(String.self, forKey: text) { return Array(string.utf8) }
        guard let encoded = try container.decodeIfPresent(String.self, forKey: base64) else { return nil }
        guard let bytes = Data(base64Encoded: encoded) else {
            throw DecodingError.dataCorruptedError(forKey: base64, in: container, debugDescription: "expected base64 text")
        }
        return Array(bytes)
    }

    /// At most `limit` bytes; text is cut where a character starts, so it stays text.
    public static func cut(_ body: [UInt8], to limit: Int) -> [UInt8] {
        guard body.count > limit else { return body }
        var end = limit
        // UTF-8 continuation bytes are 10xxxxxx: back off to a character's first byte.
        while end > 0, end > limit - 4, body[end] & 0xC0 == 0x80 { end -= 1 }
        return Array(body[..<end])
    }
}
