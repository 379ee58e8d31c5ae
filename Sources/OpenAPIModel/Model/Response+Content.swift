import OrderedCollections

extension Response {
    /// The JSON body this response documents: `application/json`, else a `+json` type, else
    /// any media type with a schema.
    public var jsonContent: (mediaType: String, content: MediaType)? {
        MediaTypeName.preferredJSON(in: content)
    }
}

extension RequestBody {
    /// The JSON body this request accepts, by the same preference as `Response.jsonContent`.
    public var jsonContent: (mediaType: String, content: MediaType)? {
        MediaTypeName.preferredJSON(in: content)
    }
}

/// Media type names as OpenAPI writes them.
public enum MediaTypeName {
    /// Whether a media type name is JSON: `application/json`, or any `+json` suffix (checked
    /// on every answer, so without making strings).
    public static func isJSON(_ name: String) -> Bool {
        var name = name
        return name.withUTF8 { bytes in
            var end = bytes.firstIndex(of: UInt8(ascii: ";")) ?? bytes.count
            while end > 0, bytes[end - 1] == UInt8(ascii: " ") { end -= 1 }
            var start = 0
            while start < end, bytes[start] == UInt8(ascii: " ") { start += 1 }
            let essence = bytes[start..<end]
            func endsWith(_ suffix: StaticString) -> Bool {
                let count = suffix.utf8CodeUnitCount
                guard essence.count >= count else { return false }
                return suffix.withUTF8Buffer { expected in
                    zip(essence.suffix(count), expected).allSatisfy { $0 | 0x20 == $1 | 0x20 }
                }
            }
            return (essence.count == 16 && endsWith("application/json")) || endsWith("+json")
        }
    }

    /// `Application/JSON; charset=utf-8` → `application/json`.
    public static func essence(_ contentType: String) -> String {
        if let semicolon = contentType.firstIndex(of: ";") {
            return contentType[..<semicolon].trimmingCharacters(in: " ").lowercased()
        }
        return contentType.lowercased()
    }

    /// The documented media type a received one falls under, the most specific first:
    /// the same type, then its range (`application/*`), then `*/*`. The mock and the checks
    /// both decide by this, so they never disagree on what a document accepts.
    public static func match(_ essence: String, in documented: some Collection<String>) -> String? {
        let essence = essence.lowercased()
        let range = essence.split(separator: "/", maxSplits: 1).first.map { "\($0)/*" }
        return documented.first { $0.lowercased() == essence }
            ?? documented.first { $0.lowercased() == range }
            ?? documented.first { $0 == "*/*" }
    }

    /// A media type to send for a documented one: itself, or for a range (`*/*`,
    /// `application/*`, `text/*`) a concrete type in it, JSON where the range allows.
    public static func concrete(_ documented: String) -> String {
        let essence = essence(documented)
        switch essence {
        case "*/*", "application/*": return "application/json"
        case "text/*": return "text/plain"
        default: return essence.hasSuffix("/*") ? essence.dropLast() + "octet-stream" : documented
        }
    }

    static func preferredJSON(in content: OrderedDictionary<String, MediaType>) -> (mediaType: String, content: MediaType)? {
        content.elements.first { $0.key.lowercased() == "application/json" }.map { ($0.key, $0.value) }
            ?? content.elements.first { isJSON($0.key) }.map { ($0.key, $0.value) }
            ?? content.elements.first { $0.value.schema != nil }.map { ($0.key, $0.value) }
    }
}

extension StringProtocol {
    /// The text without `set` at either end (without Foundation).
    public func trimmingCharacters(in set: Character) -> String {
        String(drop { $0 == set }.reversed().drop { $0 == set }.reversed())
    }
}
