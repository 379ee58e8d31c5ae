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
    /// Whether a media type name is JSON: `application/json`, or any `+json` suffix.
    public static func isJSON(_ name: String) -> Bool {
        let essence = name.split(separator: ";").first.map { $0.trimmingCharacters(in: " ").lowercased() } ?? ""
        return essence == "application/json" || essence.hasSuffix("+json")
    }

    static func preferredJSON(in content: OrderedDictionary<String, MediaType>) -> (mediaType: String, content: MediaType)? {
        content.elements.first { $0.key.lowercased() == "application/json" }.map { ($0.key, $0.value) }
            ?? content.elements.first { isJSON($0.key) }.map { ($0.key, $0.value) }
            ?? content.elements.first { $0.value.schema != nil }.map { ($0.key, $0.value) }
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: Character) -> String {
        String(drop { $0 == set }.reversed().drop { $0 == set }.reversed())
    }
}
