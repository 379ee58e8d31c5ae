/// The `openapi` version a document declares: 3.0.x, 3.1.x or 3.2.x.
public struct OpenAPIVersion: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// 3.
    public var major: Int
    /// 0, 1 or 2.
    public var minor: Int
    /// The patch version.
    public var patch: Int

    /// A version.
    public init(major: Int, minor: Int, patch: Int) {
        self.major = major
        self.minor = minor
        self.patch = patch
    }

    /// Parses `3.1.0` (and tolerates a pre-release suffix such as `3.2.0-rc1`).
    public init?(_ text: String) {
        let core = text.split(separator: "-", maxSplits: 1).first.map(String.init) ?? text
        let parts = core.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let major = Int(parts[0]), let minor = Int(parts[1]), let patch = Int(parts[2]) else {
            return nil
        }
        self.init(major: major, minor: minor, patch: patch)
    }

    /// 3.0.0.
    public static let v3_0 = OpenAPIVersion(major: 3, minor: 0, patch: 0)
    /// 3.1.0.
    public static let v3_1 = OpenAPIVersion(major: 3, minor: 1, patch: 0)
    /// 3.2.0.
    public static let v3_2 = OpenAPIVersion(major: 3, minor: 2, patch: 0)

    /// Whether this version is one the model reads.
    public var isSupported: Bool { major == 3 && (0...2).contains(minor) }

    /// At least the given minor line (`3.1` means 3.1.0 or later).
    public func isAtLeast(_ other: OpenAPIVersion) -> Bool { self >= other }

    /// The schema dialect the version's schemas are written in.
    public var schemaDialect: SchemaDialect { minor == 0 ? .openAPI30 : .jsonSchema2020_12 }

    /// `description`: CommonMark text.
    public var description: String { "\(major).\(minor).\(patch)" }

    /// By major, minor, then patch.
    public static func < (lhs: OpenAPIVersion, rhs: OpenAPIVersion) -> Bool {
        (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
    }
}

/// Which JSON Schema rules a document's schemas follow.
public enum SchemaDialect: String, Hashable, Sendable {
    /// OpenAPI 3.0's Schema Object: draft-4 based, with `nullable`, `discriminator`,
    /// boolean `exclusiveMinimum`/`exclusiveMaximum`, `readOnly`/`writeOnly`.
    case openAPI30 = "openapi-3.0"
    /// JSON Schema 2020-12 with the OpenAPI vocabulary (OpenAPI 3.1 and 3.2).
    case jsonSchema2020_12 = "https://json-schema.org/draft/2020-12/schema"
}
