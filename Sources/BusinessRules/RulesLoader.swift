import OpenAPIModel
import OrderedCollections
import SchemaValidation
import YAMLSource

extension BusinessRules {
    /// Reads a rules file and checks it against the document it belongs to; every problem is a
    /// diagnostic with its line and column.
    public static func load(file: String, document: OpenAPIDocument) -> (rules: BusinessRules?, diagnostics: [Diagnostic]) {
        let source: SourceFile
        do {
            source = try SourceFile(contentsOf: file)
        } catch {
            return (nil, [error])
        }
        let parsed = YAMLParser().parse(source)
        guard let root = parsed.root, !parsed.diagnostics.containsError else { return (nil, parsed.diagnostics) }
        var reader = RulesReader(document: document, file: file)
        let rules = reader.read(root)
        return (reader.diagnostics.containsError ? nil : rules, parsed.diagnostics + reader.diagnostics)
    }
}

/// Decodes a rules file's nodes, checking each pointer against the operation's schemas.
struct RulesReader {
    let document: OpenAPIDocument
    let file: String
    var diagnostics: [Diagnostic] = []

    init(document: OpenAPIDocument, file: String) {
        self.document = document
        self.file = file
    }

    private mutating func error(_ message: String, at node: Node) {
        diagnostics.append(.error(message, at: node.mark))
    }

    mutating func read(_ root: Node) -> BusinessRules {
        var rules = BusinessRules(file: file)
        guard root.isMapping else {
            error("expected a rules file (a mapping with 'operations'), found \(root.kindDescription)", at: root)
            return rules
        }
        for entry in root.mapping.map(Array.init) ?? [] where !entry.key.hasText("operations") && !entry.key.hasText("errors") {
            error("unknown field '\(entry.key.scalar?.text ?? "")': expected 'operations' or 'errors'", at: entry.key)
        }
        for entry in root["operations"]?.mapping.map(Array.init) ?? [] {
            guard let operationId = entry.key.scalar?.text else { continue }
            guard let operation = document.operation(id: operationId) else {
                let known = document.operations.compactMap(\.operation.operationId).joined(separator: ", ")
                error("no operation '\(operationId)' in the document: expected one of \(known)", at: entry.key)
                continue
            }
            if let operationRules = readOperation(entry.value, operation: operation, key: entry.key) {
                rules.operations[operationId] = operationRules
            }
        }
        if let errors = root["errors"] {
            rules.errorBody = ErrorBodyRule(
                code: pointer(errors["code"]), description: pointer(errors["description"]), members: pointer(errors["members"]))
        }
        return rules
    }

    private mutating func pointer(_ node: Node?) -> JSONPointer? {
        guard let node else { return nil }
        guard let text = node.string, let pointer = JSONPointer(text) else {
            error("expected a JSON pointer such as '/partnerEmailId', found \(node.kindDescription)", at: node)
            return nil
        }
        return pointer
    }

    private mutating func readOperation(_ node: Node, operation: OperationEntry, key: Node) -> OperationRules? {
        let requestSchema = operation.operation.requestBody?.jsonContent?.content.schema
        let successSchema = operation.operation.responses.byStatus.first { $0.key.hasPrefix("2") }?.value.jsonContent?.content.schema
        var result = OperationRules(operationId: operation.id, creation: nil, response: ResponseRule(), mark: key.mark)
        if let creates = node["creates"] {
            if let identityNode = creates["identity"], let identity = member(identityNode, in: requestSchema, side: "request") {
                let conflict = creates["conflictStatus"]?.scalar?.int ?? 409
                result.creation = CreationRule(
                    identity: identity,
                    caseInsensitive: creates["caseInsensitive"]?.scalar?.bool ?? false,
                    activeDays: creates["activeDays"].flatMap { member($0, in: requestSchema, side: "request") },
                    conflictStatus: conflict, mark: creates.mark)
                if operation.operation.responses.byStatus[String(conflict)] == nil {
                    error("conflictStatus \(conflict) is not a documented response of \(operation.id)", at: creates["conflictStatus"] ?? creates)
                }
            } else if creates["identity"] == nil {
                error("'creates' needs 'identity': the request member that names the resource", at: creates)
            }
        }
        guard let response = node["response"] else { return result }
        result.response.mark = response.mark
        for entry in response["echo"]?.mapping.map(Array.init) ?? [] {
            if let target = member(entry.key, in: successSchema, side: "response"),
                let source = member(entry.value, in: requestSchema, side: "request")
            {
                result.response.echo.append(.init(response: target, request: source, mark: entry.key.mark))
            }
        }
        for entry in response["constant"]?.mapping.map(Array.init) ?? [] {
            if let target = member(entry.key, in: successSchema, side: "response") {
                result.response.constants.append(.init(response: target, value: JSONValue(entry.value), mark: entry.key.mark))
            }
        }
        result.response.now = members(response["now"], in: successSchema)
        result.response.expiry = members(response["expiry"], in: successSchema)
        result.response.unique = members(response["unique"], in: successSchema)
        if let tolerance = response["toleranceSeconds"]?.scalar?.double { result.response.toleranceSeconds = tolerance }
        if let tolerance = response["nowToleranceSeconds"]?.scalar?.double { result.response.nowToleranceSeconds = tolerance }
        if !result.response.expiry.isEmpty, result.creation?.activeDays == nil {
            error("'expiry' needs 'creates.activeDays' to know how many days to add", at: response["expiry"]!)
        }
        return result
    }

    private mutating func members(_ node: Node?, in schema: Schema?) -> [JSONPointer] {
        guard let node else { return [] }
        guard let items = node.sequence else {
            error("expected a list of response members, found \(node.kindDescription)", at: node)
            return []
        }
        return items.compactMap { member($0, in: schema, side: "response") }
    }

    /// A pointer that must name a property the schema declares.
    private mutating func member(_ node: Node, in schema: Schema?, side: String) -> JSONPointer? {
        guard let pointer = pointer(node) else { return nil }
        guard var current = schema.flatMap(document.resolve) else {
            error("the \(side) of this operation has no JSON body schema for '\(pointer)' to point into", at: node)
            return nil
        }
        for token in pointer.tokens {
            let next =
                current.node["properties"]?[token]
                ?? current.node["items"].flatMap { Int(token) != nil ? $0 : nil }
            guard let next else {
                error(
                    "the \(side) schema (\(current.location.pointer.description.isEmpty ? "#" : "#" + current.location.pointer.description)) declares no member '\(token)' for '\(pointer)'",
                    at: node)
                return nil
            }
            let child = Schema(
                node: next, location: Location(mark: next.mark, pointer: current.location.pointer.appending(token)), dialect: current.dialect)
            guard let resolved = document.resolve(child) else { return pointer }
            current = resolved
        }
        return pointer
    }
}
