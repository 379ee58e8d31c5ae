/// A scalar with its source text, how it was written, and what it resolves to under the
/// YAML 1.2 core schema (or an explicit tag).
public struct Scalar: Hashable, Sendable {
    /// How the scalar was written; quoted and block scalars are always strings.
    public enum Style: UInt8, Hashable, Sendable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    /// The type the scalar resolves to.
    public enum Kind: UInt8, Hashable, Sendable, CustomStringConvertible {
        case null, bool, int, float, string

        /// `a string`, `a number`: how messages name the kind.
        public var description: String {
            switch self {
            case .null: "null"
            case .bool: "a boolean"
            case .int: "an integer"
            case .float: "a number"
            case .string: "a string"
            }
        }
    }

    /// The scalar's value as text (after unquoting and folding).
    public var text: String
    /// How the scalar is written: plain, quoted, literal or folded.
    public var style: Style
    /// The explicit tag, expanded (`tag:yaml.org,2002:str`), when the document gave one.
    public var tag: String?
    /// What the YAML 1.2 core schema resolves it to (a quoted scalar is always a string).
    public var kind: Kind

    /// A scalar resolved from its text, style and tag.
    public init(text: String, style: Style, tag: String? = nil) {
        self.text = text
        self.style = style
        self.tag = tag
        self.kind = CoreSchema.resolve(text: text, style: style, tag: tag)
    }

    /// A scalar whose kind is already known (used when building nodes in code).
    public init(text: String, style: Style, tag: String?, kind: Kind) {
        self.text = text
        self.style = style
        self.tag = tag
        self.kind = kind
    }

    /// The boolean value of a `.bool` scalar.
    public var bool: Bool? {
        guard kind == .bool else { return nil }
        return CoreSchema.bool(text)
    }

    /// The value of an `.int` scalar that fits in 64 bits (decimal, `0o` octal or `0x` hex).
    public var int: Int? {
        guard kind == .int else { return nil }
        return CoreSchema.int(text)
    }

    /// The value of an `.int` or `.float` scalar, as a Double (`.inf` and `.nan` included).
    public var double: Double? {
        switch kind {
        case .int: CoreSchema.int(text).map(Double.init) ?? Double(text)
        case .float: CoreSchema.double(text)
        default: nil
        }
    }
}
