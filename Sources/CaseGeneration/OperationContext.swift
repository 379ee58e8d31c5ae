import BusinessRules
import OpenAPIModel
import SchemaValidation
import YAMLSource

/// What the cases of one operation share: its filled-in path, required parameters, body
/// schema, security and rules.
struct OperationContext: Sendable {
    let entry: OperationEntry
    let bodyValidator: SchemaValidator?
    let bodyMediaType: String?
    let bodyRequired: Bool
    let path: String
    let query: [QueryItem]
    let parameterHeaders: [HeaderItem]
    /// Required parameters with their validators, for the parameter cases.
    let requiredParameters: [(parameter: Parameter, validator: SchemaValidator?, value: String)]
    let secured: Bool
    let rules: OperationRules?
    let location: String

    init(entry: OperationEntry, generator: inout CaseGenerator) {
        self.entry = entry
        let body = entry.operation.requestBody
        let content = body?.jsonContent
        bodyValidator = content?.content.schema.map(generator.compiler.validator(for:))
        bodyMediaType = content?.mediaType
        bodyRequired = body?.required ?? false
        var values: [(Parameter, SchemaValidator?, String)] = []
        for parameter in entry.parameters where parameter.required || parameter.location == .path {
            let validator = parameter.schema.map(generator.compiler.validator(for:))
            let sample = validator.flatMap { generator.synthesizer.value(for: $0, direction: .request) }
            values.append((parameter, validator, sample.map(Self.parameterText) ?? "1"))
        }
        requiredParameters = values
        var path = entry.path
        for (parameter, _, value) in values where parameter.location == .path {
            path = path.replacingAll("{\(parameter.name)}", with: PercentEncoding.encode(value))
        }
        self.path = path
        query = values.filter { $0.0.location == .query }.map { QueryItem(name: $0.0.name, value: $0.2) }
        parameterHeaders = values.filter { $0.0.location == .header }.map { HeaderItem(name: $0.0.name, value: $0.2) }
        secured = !entry.security.isEmpty && !entry.security.contains { $0.schemes.isEmpty }
        rules = generator.rules.rules(for: entry.operation.operationId)
        location = entry.operation.location.mark.description
    }

    /// A parameter value as text (simple style).
    static func parameterText(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): text
        case .array(let items): items.map(parameterText).joined(separator: ",")
        default: value.jsonText
        }
    }

    /// The `Content-Type` a request says.
    enum ContentType {
        /// The documented media type, when there is a body.
        case documented
        /// No header at all.
        case none
        case custom(String)
    }

    /// The operation's request with this body (JSON or form, as documented) and these changes.
    func request(body: JSONValue? = nil, rawBody: [UInt8]? = nil, contentType: ContentType = .documented,
                 credentials: Credentials = .valid, query: [QueryItem]? = nil, method: String? = nil) -> RequestSpec {
        var headers = parameterHeaders
        let bytes = rawBody ?? body.map { body in
            isForm ? Array(FormEncoding.encode(body).utf8) : body.jsonBytes
        }
        let type: String? = switch contentType {
        case .documented: bytes == nil ? nil : bodyMediaType ?? "application/json"
        case .none: nil
        case .custom(let value): value
        }
        if let type { headers.append(HeaderItem(name: "Content-Type", value: type)) }
        return RequestSpec(method: method ?? entry.method, path: path, query: query ?? self.query, headers: headers,
                           body: bytes, credentials: credentials)
    }

    /// Whether the body travels as a form (`application/x-www-form-urlencoded`).
    var isForm: Bool { bodyMediaType.map(MediaTypeName.essence) == FormEncoding.mediaType }

    /// The body as the server reads it: a form carries only text, typed back by the schema.
    func onTheWire(_ body: JSONValue) -> JSONValue {
        isForm ? FormEncoding.decode(FormEncoding.encode(body), shape: bodyValidator?.shape) : body
    }

    /// Whether the server must accept this body (checked as it travels).
    func accepts(_ body: JSONValue) -> Bool {
        bodyValidator?.isValid(onTheWire(body), direction: .request) ?? true
    }

    /// A valid body with every email member (and the rules' identity) given a fresh address.
    func freshBody(_ body: JSONValue, _ generator: inout CaseGenerator) -> JSONValue {
        guard case .object = body, let shape = bodyValidator?.shape else { return body }
        var fresh = body
        for (name, validator) in shape.properties where body[name] != nil {
            let isIdentity = rules?.creation?.identity.tokens == [name]
            if isIdentity || validator.shape.format == "email" {
                fresh = fresh.setting(.string(generator.addresses.fresh()), at: JSONPointer(tokens: [name]))
            }
        }
        return fresh
    }

    /// The synthesized valid body: every member, or only the required ones.
    func validBody(_ generator: inout CaseGenerator, includeOptional: Bool = true) -> JSONValue? {
        guard let bodyValidator else { return nil }
        var synthesizer = ValueSynthesizer(seed: generator.options.seed, includeOptional: includeOptional)
        return synthesizer.value(for: bodyValidator, direction: .request).map { freshBody($0, &generator) }
    }

    /// An undeclared method on a documented path gets 405.
    func methodCases(_ document: OpenAPIDocument) -> [TestCase] {
        let declared = Set(document.paths[entry.path]?.operations.keys.map { $0.uppercased() } ?? [])
        return ["GET", "PUT", "PATCH", "DELETE"].filter { !declared.contains($0) }.map { (method: String) in
            TestCase(
                operationId: entry.id, kind: .method, name: "\(method) \(entry.path) (not declared) gets 405",
                steps: [.request(request(method: method), expect: .status([405]), checkRules: false)],
                specLocation: document.paths[entry.path]?.location.mark.description)
        }
    }
}
