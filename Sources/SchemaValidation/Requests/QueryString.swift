import Foundation
import OpenAPIModel
import YAMLSource

/// `a=1&b=2` as names and values, percent-decoded with `+` as a space (HTML form encoding,
/// which is how servers read a query).
public enum QueryString {
    /// Every pair in order, decoded.
    public static func pairs(_ query: String?) -> [(name: String, value: String)] {
        (query ?? "").split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (
                PercentEncoding.decodeLeniently(parts[0], plusIsSpace: true),
                parts.count > 1 ? PercentEncoding.decodeLeniently(parts[1], plusIsSpace: true) : ""
            )
        }
    }

    /// The value of each name; the first of repeated names wins.
    public static func values(_ query: String?) -> [String: String] {
        var values: [String: String] = [:]
        for (name, value) in pairs(query) where values[name] == nil {
            values[name] = value
        }
        return values
    }
}

/// The `Cookie` header's pairs (RFC 6265 section 5.4).
public enum Cookies {
    /// Every cookie of a request, however many `Cookie` fields they came in (HTTP/2 and HTTP
    /// field libraries split them), as one field value; `nil` when there is none.
    public static func field(in headers: [(name: String, value: String)]) -> String? {
        let fields = headers.filter { HeaderName.equal($0.name, "cookie") }.map(\.value)
        return fields.isEmpty ? nil : fields.joined(separator: "; ")
    }

    /// The value of cookie `name`, when the header has it.
    public static func value(_ name: String, in header: String?) -> String? {
        for pair in (header ?? "").split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name { return String(parts[1]) }
        }
        return nil
    }
}
