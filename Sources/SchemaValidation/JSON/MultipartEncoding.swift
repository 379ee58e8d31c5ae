import OpenAPIModel

/// `multipart/form-data` bodies (RFC 7578): written from a JSON object, a part per member (a
/// part per item of an array), and read back typed by the object's schema, so they are
/// validated like JSON. Members that are files (`format: binary`, `contentMediaType`) travel as
/// files: a filename, and the part's media type (the encoding object's `contentType`, else the
/// schema's `contentMediaType`, else `application/octet-stream`).
public enum MultipartEncoding {
    /// The media type this encoding reads and writes.
    public static let mediaType = "multipart/form-data"
    /// The boundary bodies are written with: fixed, so a case sends the same bytes every run.
    public static let boundary = "contract-test-7f3a9c0e"
    /// The `Content-Type` of a body written here.
    public static let contentType = "multipart/form-data; boundary=\(boundary)"

    /// `value`'s members as parts, typed by `shape` where given; `partTypes`: the encoding
    /// object's `contentType` by member (its first media type is the part's).
    public static func encode(_ value: JSONValue, shape: SchemaShape?, partTypes: [String: String] = [:]) -> [UInt8] {
        var out: [UInt8] = []
        for (key, item, text) in FormEncoding.fields(of: value) {
            let member = shape?.property(key)?.shape
            let fileType = member?.fileMediaType ?? member?.items?.shape.fileMediaType
            let declared = partTypes[key].flatMap { $0.split(separator: ",").first.map { $0.trimmingCharacters(in: " ") } }
            let name = key.replacingAll("\"", with: "%22")
            var head = "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\""
            if let fileType {
                let type = declared.map(MediaTypeName.concrete) ?? MediaTypeName.concrete(fileType)
                head += "; filename=\"\(name).\(fileExtension(type))\"\r\nContent-Type: \(type)\r\n\r\n"
            } else if let declared {
                head += "\r\nContent-Type: \(MediaTypeName.concrete(declared))\r\n\r\n"
            } else if case .object = item {
                head += "\r\nContent-Type: application/json\r\n\r\n"
            } else {
                head += "\r\n\r\n"
            }
            out += Array(head.utf8) + Array(text.utf8) + Array("\r\n".utf8)
        }
        out += Array("--\(boundary)--\r\n".utf8)
        return out
    }

    /// A file name's extension for a media type, so a server that checks it finds what it
    /// expects: `png`, `jpg`, `pdf`, `json`, `txt`, `csv`, `xml`, else `bin`.
    static func fileExtension(_ mediaType: String) -> String {
        switch MediaTypeName.essence(mediaType) {
        case "image/png": "png"
        case "image/jpeg": "jpg"
        case "image/gif": "gif"
        case "application/pdf": "pdf"
        case "application/json": "json"
        case "text/plain": "txt"
        case "text/csv": "csv"
        case "application/xml", "text/xml": "xml"
        default: "bin"
        }
    }

    /// The parts of a body as an object, each value typed as its member's schema declares;
    /// `nil` when the body is not multipart with the boundary its `Content-Type` names.
    public static func decode(_ bytes: [UInt8], contentType: String, shape: SchemaShape?) -> JSONValue? {
        guard let boundary = Self.boundary(in: contentType) else { return nil }
        let delimiter = Array("--\(boundary)".utf8)
        var members: [(String, [String])] = []
        var position = find(delimiter, in: bytes, from: 0)
        guard position != nil else { return nil }
        while let start = position {
            var cursor = start + delimiter.count
            if bytes[cursor...].starts(with: Array("--".utf8)) { break }
            guard bytes[cursor...].starts(with: Array("\r\n".utf8)) else { return nil }
            cursor += 2
            guard let headerEnd = find(Array("\r\n\r\n".utf8), in: bytes, from: cursor),
                let next = find(Array("\r\n".utf8) + delimiter, in: bytes, from: headerEnd)
            else { return nil }
            let headers = String(decoding: bytes[cursor..<headerEnd], as: UTF8.self)
            guard let name = disposition(headers, "name") else { return nil }
            let value = String(decoding: bytes[(headerEnd + 4)..<next], as: UTF8.self)
            if let index = members.firstIndex(where: { $0.0 == name }) {
                members[index].1.append(value)
            } else {
                members.append((name, [value]))
            }
            position = next + 2
        }
        /// A part's text as its schema reads it: objects as the JSON they are written in.
        func typed(_ text: String, _ shape: SchemaShape?) -> JSONValue {
            if shape?.types.first == "object", let value = try? JSONParser().parse(Array(text.utf8)) { return value }
            return shape?.value(fromParameterText: text) ?? .string(text)
        }
        return .object(
            JSONObject(
                members.map { name, values in
                    let member = shape?.property(name)?.shape
                    if member?.types.first == "array" {
                        return JSONObject.Member(name, .array(values.map { typed($0, member?.items?.shape) }))
                    }
                    return JSONObject.Member(name, typed(values[0], member))
                }))
    }

    /// The `boundary` parameter of a `Content-Type`.
    static func boundary(in contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let parts = parameter.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, parts[0].trimmingCharacters(in: " ").lowercased() == "boundary" else { continue }
            var value = parts[1].trimmingCharacters(in: " ")
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            return value.isEmpty ? nil : value
        }
        return nil
    }

    /// A parameter of the part's `Content-Disposition` header (`name="file"`).
    static func disposition(_ headers: String, _ parameter: String) -> String? {
        for line in headers.split(separator: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
            for field in line.split(separator: ";").dropFirst() {
                let parts = field.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, parts[0].trimmingCharacters(in: " ") == parameter else { continue }
                let value = parts[1].trimmingCharacters(in: " ")
                return value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 ? String(value.dropFirst().dropLast()) : value
            }
        }
        return nil
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
