import OrderedCollections
import YAMLSource

/// Reads the fields of one OpenAPI object (a mapping), reporting wrong types, missing
/// required fields and unknown fields as it goes; problems are collected, never thrown.
struct ObjectReader {
    let position: Position
    let context: DecodingContext
    /// "the Operation object": how messages name the object, derived only for a message.
    private let typeName: String
    private let entries: EntryList
    /// Key texts, read once: objects are asked for each of their fields in turn.
    private let keys: [String?]
    private var known: [String] = []

    /// `nil` (and an error) when the node is not a mapping.
    init?(_ given: Position, _ context: DecodingContext, _ typeName: String) {
        let position = context.followingStrayReference(given, for: typeName)
        guard let entries = position.node.mapping else {
            context.error("expected \(typeName) (a mapping), found \(position.node.kindDescription)", at: position)
            return nil
        }
        self.position = position
        self.context = context
        self.entries = entries
        self.keys = entries.map { $0.key.scalar?.text }
        self.typeName = typeName
        known.reserveCapacity(16)
    }

    private var objectName: String {
        typeName.hasPrefix("an ")
            ? "the " + typeName.dropFirst(3)
            : typeName.hasPrefix("a ") ? "the " + typeName.dropFirst(2) : typeName
    }

    private func entry(_ key: String) -> MappingEntry? {
        keys.firstIndex(of: key).map { entries[$0] }
    }

    var version: OpenAPIVersion { context.version }
    var location: Location { position.location }

    /// The field's position, marking the key as known; reports a missing required field.
    mutating func field(_ key: String, required: Bool = false) -> Position? {
        known.append(key)
        if let entry = entry(key) {
            return position.child(entry, named: key)
        }
        if required {
            context.error("\(objectName) is missing its required field '\(key)'", at: location)
        }
        return nil
    }

    /// A field that exists only from `version` on; in older documents it is reported.
    mutating func field(_ key: String, since introduced: OpenAPIVersion, required: Bool = false) -> Position? {
        guard version.isAtLeast(introduced) else {
            if let present = entry(key) {
                known.append(key)
                context.warning(
                    "'\(key)' is an OpenAPI \(introduced.major).\(introduced.minor) field, but this document declares \(version); it is ignored",
                    at: position.child(key, present.key))
            }
            return nil
        }
        return field(key, required: required)
    }

    mutating func string(_ key: String, required: Bool = false) -> String? {
        field(key, required: required).flatMap { Self.string(at: $0, context) }
    }

    mutating func string(_ key: String, since introduced: OpenAPIVersion) -> String? {
        field(key, since: introduced).flatMap { Self.string(at: $0, context) }
    }

    /// A string, accepting a number or boolean written unquoted (with a warning): authors
    /// often write `version: 1.0`, which YAML reads as a number.
    static func string(at given: Position, _ context: DecodingContext) -> String? {
        let position = context.followingStrayReference(given, for: "a string (\(given.fieldName))")
        guard let scalar = position.node.scalar, scalar.kind != .null else {
            context.error("\(position.fieldName) must be a string, found \(position.node.kindDescription)", at: position)
            return nil
        }
        if scalar.kind != .string {
            context.warning(
                "\(position.fieldName) must be a string, found \(scalar.kind) (\(scalar.text)); quote it: '\(scalar.text)'",
                at: position)
        }
        return scalar.text
    }

    mutating func bool(_ key: String) -> Bool? {
        guard let position = field(key) else { return nil }
        guard let value = position.node.scalar?.bool else {
            context.error("'\(key)' must be a boolean (true or false), found \(position.node.kindDescription)", at: position)
            return nil
        }
        return value
    }

    mutating func bool(_ key: String, since introduced: OpenAPIVersion) -> Bool? {
        guard version.isAtLeast(introduced) else {
            _ = field(key, since: introduced)
            return nil
        }
        return bool(key)
    }

    /// Any node, kept raw (examples, defaults, link parameters).
    mutating func raw(_ key: String) -> Node? {
        field(key)?.node
    }

    /// One value of a fixed type: `decode` reports its own problems.
    mutating func object<T>(_ key: String, required: Bool = false, _ decode: (Position, DecodingContext) -> T?) -> T? {
        field(key, required: required).flatMap { decode($0, context) }
    }

    mutating func object<T>(_ key: String, since introduced: OpenAPIVersion, _ decode: (Position, DecodingContext) -> T?) -> T? {
        field(key, since: introduced).flatMap { decode($0, context) }
    }

    mutating func list<T>(_ key: String, required: Bool = false, _ decode: (Position, DecodingContext) -> T?) -> [T]? {
        field(key, required: required).flatMap { Self.list(at: $0, context, decode) }
    }

    static func list<T>(at given: Position, _ context: DecodingContext, _ decode: (Position, DecodingContext) -> T?) -> [T]? {
        let position = context.followingStrayReference(given, for: "a sequence (\(given.fieldName))")
        guard let items = position.node.sequence else {
            context.error("\(position.fieldName) must be a sequence, found \(position.node.kindDescription)", at: position)
            return nil
        }
        return items.enumerated().compactMap { decode(position.child($0.offset, $0.element), context) }
    }

    mutating func strings(_ key: String) -> [String]? {
        list(key) { position, context in ObjectReader.string(at: position, context) }
    }

    mutating func map<T>(
        _ key: String, required: Bool = false, _ decode: (String, Position, DecodingContext) -> T?
    ) -> OrderedDictionary<String, T>? {
        field(key, required: required).flatMap { Self.map(at: $0, context, decode) }
    }

    mutating func map<T>(
        _ key: String, since introduced: OpenAPIVersion, _ decode: (String, Position, DecodingContext) -> T?
    ) -> OrderedDictionary<String, T>? {
        field(key, since: introduced).flatMap { Self.map(at: $0, context, decode) }
    }

    /// A mapping from names to values; keys must be scalars.
    static func map<T>(
        at position: Position, _ context: DecodingContext, _ decode: (String, Position, DecodingContext) -> T?
    ) -> OrderedDictionary<String, T>? {
        let position =
            position.node.mapping?.count == 1 ? context.followingStrayReference(position, for: "a mapping (\(position.fieldName))") : position
        guard let entries = position.node.mapping else {
            context.error("\(position.fieldName) must be a mapping, found \(position.node.kindDescription)", at: position)
            return nil
        }
        var result: OrderedDictionary<String, T> = [:]
        for entry in entries {
            guard let name = entry.key.scalar?.text else {
                context.error("a key must be a scalar, found \(entry.key.kindDescription)", at: position.child("?", entry.key))
                continue
            }
            if let value = decode(name, position.child(entry, named: name), context) {
                result[name] = value
            }
        }
        return result
    }

    /// The `x-` extensions; any other field not read is reported as unknown.
    func finish() -> Extensions {
        var extensions: Extensions = [:]
        for (entry, key) in zip(entries, keys) {
            guard let key else { continue }
            if key.hasPrefix("x-") {
                extensions[key] = entry.value
            } else if !known.contains(key) {
                let hint =
                    Spelling.closest(to: key, among: known).map { "; did you mean '\($0)'?" }
                    ?? " (expected one of \(known.map { "'\($0)'" }.joined(separator: ", ")), or an 'x-' extension)"
                context.warning("unknown field '\(key)' in \(objectName)\(hint)", at: position.child(key, entry.key))
            }
        }
        return extensions
    }
}

/// Suggestions for misspelt field names.
enum Spelling {
    /// The candidate within two edits of `word` (case-insensitive), if any.
    static func closest(to word: String, among candidates: [String]) -> String? {
        let lowered = Array(word.lowercased())
        return
            candidates
            .map { ($0, distance(lowered, Array($0.lowercased()))) }
            .filter { $0.1 <= 2 && $0.1 < max(lowered.count, 1) }
            .min { $0.1 < $1.1 }?.0
    }

    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
