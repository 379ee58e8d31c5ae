import YAMLSource

/// A schema's `type` naming no JSON type (`type: int`, as generators write it): the validator
/// could only guess what values it means, so it is the document's error, reported before
/// anything is sent, with the name it probably meant.
enum SchemaTypeCheck {
    /// The problem of one schema object's `type`, if it has one.
    static func problem(in node: Node, dialect: SchemaDialect) -> (message: String, at: Node)? {
        guard let type = node["type"] else { return nil }
        let names = dialect == .openAPI30 ? openAPI30Names : jsonSchemaNames
        let expected = names.joined(separator: ", ")
        if let list = type.sequence, dialect == .jsonSchema2020_12 {
            guard let wrong = list.first(where: { !($0.string.map(names.contains) ?? false) }) else { return nil }
            return (message(for: wrong, expected: "one of \(expected)"), wrong)
        }
        guard let name = type.string, names.contains(name) else {
            let form = dialect == .openAPI30 ? "one of \(expected)" : "one of \(expected) (or a list of them)"
            return (message(for: type, expected: form), type)
        }
        return nil
    }

    private static let openAPI30Names = ["array", "boolean", "integer", "number", "object", "string"]
    private static let jsonSchemaNames = ["array", "boolean", "integer", "null", "number", "object", "string"]

    /// Names other languages use for a JSON type.
    private static let meant = [
        "int": "integer", "long": "integer", "int32": "integer", "int64": "integer",
        "bool": "boolean", "str": "string", "float": "number", "double": "number",
        "dict": "object", "list": "array", "file": "string",
    ]

    private static func message(for node: Node, expected: String) -> String {
        let found = node.scalar.map { "'\($0.text)'" } ?? node.kindDescription
        let hint = node.string.flatMap { meant[$0.lowercased()] }.map { "; did you mean '\($0)'?" } ?? ""
        return "'type' must be \(expected), found \(found)\(hint)"
    }
}
