import YAMLSource

/// Reads an instance to validate from a captured body: JSON, or YAML for `.yaml`/`.yml`
/// files (and for text that is not JSON but is YAML).
public enum InstanceReader {
    /// The value in `bytes`; an error says where in `file` it stops being JSON (or YAML).
    public static func read(_ bytes: [UInt8], file: String) throws(Diagnostic) -> JSONValue {
        let isYAMLFile = file.hasSuffix(".yaml") || file.hasSuffix(".yml")
        if !isYAMLFile {
            do {
                return try JSONParser().parse(bytes, file: file)
            } catch let jsonError {
                // Not JSON: YAML is the one other form accepted, but a JSON-looking text keeps
                // the JSON parser's message.
                let first = bytes.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }
                if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") || first == UInt8(ascii: "\"") { throw jsonError }
                let parsed = YAMLParser().parse(SourceFile(path: file, bytes: bytes))
                guard let root = parsed.root else { throw jsonError }
                return JSONValue(root)
            }
        }
        let parsed = YAMLParser().parse(SourceFile(path: file, bytes: bytes))
        guard let root = parsed.root else {
            throw parsed.diagnostics.first ?? .error("the file holds no value", at: Mark(file: file, line: 1, column: 1))
        }
        return JSONValue(root)
    }
}
