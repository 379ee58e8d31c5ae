import BusinessRules
import OpenAPIModel
import OrderedCollections
import SchemaValidation
import YAMLSource

/// What the cases of one operation share: its filled-in path, required parameters, body
/// schema, security and rules.
struct OperationContext: Sendable {
    let entry: OperationEntry
    let bodyValidator: SchemaValidator?
    /// The body schema's outline, worked out once (cases ask it for every value).
    let bodyShape: SchemaShape?
    /// How a form body is read back, when the body is a form.
    let formLayout: FormLayout?
    /// The body's top-level members that hold an address (`format: email`, or the rules'
    /// identity): every case gives them a fresh one.
    let addressMembers: [String]
    /// The body's top-level plain text members that name a resource (`name`, `title`,
    /// `username`, `slug`, ...): every case gives them a fresh name, as it does addresses, so
    /// one case's create does not collide with another's (409) over a name.
    let namingMembers: [(name: String, validator: SchemaValidator)]
    /// The body's top-level members and the query parameters the requests carry that name
    /// other resources by id (`project_id`, `flowRunId`, `labelIds`, or a member named as a
    /// resource family, `project`): the run creates none of them, so a 4xx to a valid request
    /// that names them is the server's right.
    let referenceMembers: [String]
    let bodyMediaType: String?
    /// The media type of each multipart part the encoding object declares one for.
    let partTypes: [String: String]
    let bodyRequired: Bool
    let path: String
    let query: [QueryItem]
    let parameterHeaders: [HeaderItem]
    /// Required parameters with their validators, for the parameter cases.
    let requiredParameters: [(parameter: Parameter, validator: SchemaValidator?, value: JSONValue)]
    /// What the operation's security asks, and the credentials of a request it lets in.
    let auth: AuthPlan
    let rules: OperationRules?
    let location: SpecLocation

    init(entry: OperationEntry, generator: inout CaseGenerator) {
        self.entry = entry
        let body = entry.operation.requestBody
        let content = body?.jsonContent
        bodyValidator = content?.content.schema.map(generator.compiler.validator(for:))
        bodyShape = bodyValidator?.shape
        bodyMediaType = content?.mediaType
        partTypes = Dictionary(
            (content?.content.encoding ?? [:]).compactMap { name, encoding in encoding.contentType.map { (name, $0) } }, uniquingKeysWith: { $1 })
        formLayout = bodyMediaType.map(MediaTypeName.essence) == FormEncoding.mediaType ? bodyShape.map(FormLayout.init) : nil
        let identity = generator.rules.rules(for: entry.operation.operationId)?.creation?.identity.tokens
        let addressMembers =
            bodyShape?.properties.filter { name, validator in identity == [name] || validator.shape.format == "email" }.map(\.name) ?? []
        self.addressMembers = addressMembers
        namingMembers =
            bodyShape?.properties.filter { name, validator in
                let shape = validator.shape
                return !addressMembers.contains(name) && Self.namesAResource(name) && shape.types == ["string"] && shape.format == nil
                    && shape.enumeration.isEmpty
            } ?? []
        let families = generator.resourceCollectionNames()
        let bodyReferences = (bodyShape?.properties ?? []).filter { name, validator in
            Self.namesReference(name, shape: validator.shape, families: families, method: entry.method)
        }.map(\.name)
        let queryReferences = entry.parameters.filter { parameter in
            parameter.location == .query && parameter.required
                && Self.namesReference(
                    parameter.name, shape: parameter.schema.map(generator.compiler.validator(for:))?.shape, families: families, method: "GET")
        }.map(\.name)
        referenceMembers = bodyReferences.map { "/" + $0 } + queryReferences.map { "query:" + $0 }
        bodyRequired = body?.required ?? false
        var values: [(Parameter, SchemaValidator?, JSONValue)] = []
        for parameter in entry.parameters where parameter.required || parameter.location == .path {
            let validator = parameter.schema.map(generator.compiler.validator(for:))
            let sample =
                Self.documentedExample(of: parameter, validator)
                ?? validator.flatMap { generator.synthesizer.value(for: $0, direction: .request) }
            values.append((parameter, validator, sample ?? .string("1")))
        }
        requiredParameters = values
        path = Self.path(entry, values.filter { $0.0.location == .path }.map { ($0.0, $0.2) })
        query = values.filter { $0.0.location == .query }.flatMap { parameter, _, value in
            ParameterCoding.pairs(value, Self.style(parameter)).map { QueryItem(name: $0.name, value: $0.value) }
        }
        var headers = values.filter { $0.0.location == .header }.map {
            HeaderItem(name: $0.0.name, value: ParameterCoding.text($0.2, Self.style($0.0)))
        }
        let cookies = values.filter { $0.0.location == .cookie }.map { "\($0.0.name)=\(ParameterCoding.text($0.2, Self.style($0.0)))" }
        if !cookies.isEmpty { headers.append(HeaderItem(name: "Cookie", value: cookies.joined(separator: "; "))) }
        parameterHeaders = headers
        auth = AuthPlan(entry, document: generator.document)
        rules = generator.rules.rules(for: entry.operation.operationId)
        location = SpecLocation(entry.operation.location)
    }

    /// The parameter's first documented example its schema accepts (the parameter's own, then
    /// its content's): what the document says a real value looks like comes before any made up.
    static func documentedExample(of parameter: Parameter, _ validator: SchemaValidator?) -> JSONValue? {
        let examples = parameter.allExamples + (parameter.content?.values.flatMap(\.allExamples) ?? [])
        return examples.lazy.map { JSONValue($0.value) }.first { validator?.isValid($0, direction: .request) ?? true }
    }

    /// The path with these parameter values, each written in its style (`simple`, `label`,
    /// `matrix`), its text percent-encoded where a path cannot carry it.
    static func path(_ entry: OperationEntry, _ values: [(Parameter, JSONValue)]) -> String {
        let texts = values.map { parameter, value in
            (parameter.name, PercentEncoding.encodePath(ParameterCoding.text(value, style(parameter))))
        }
        return PathTemplate(entry.path).filled(Dictionary(texts, uniquingKeysWith: { first, _ in first }), encoded: true)
    }

    /// How a parameter is written: its style and explode, as the document says or by default.
    static func style(_ parameter: Parameter) -> ParameterCoding.Style {
        ParameterCoding.Style(name: parameter.name, style: parameter.effectiveStyle, explode: parameter.effectiveExplode)
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
    func request(
        body: JSONValue? = nil, rawBody: [UInt8]? = nil, contentType: ContentType = .documented,
        credentials: Credentials? = nil, query: [QueryItem]? = nil, method: String? = nil
    ) -> RequestSpec {
        var headers = parameterHeaders
        let bytes =
            rawBody
            ?? body.map { body in
                isForm
                    ? Array(FormEncoding.encode(body).utf8)
                    : isMultipart
                        ? MultipartEncoding.encode(body, shape: bodyShape, partTypes: partTypes)
                        : isXML ? XMLBody.encode(body) : body.jsonBytes
            }
        let type: String? =
            switch contentType {
            case .documented:
                bytes == nil ? nil : isMultipart ? MultipartEncoding.contentType : bodyMediaType.map(MediaTypeName.concrete) ?? "application/json"
            case .none: nil
            case .custom(let value): value
            }
        if let type { headers.append(HeaderItem(name: "Content-Type", value: type)) }
        return RequestSpec(
            method: method ?? entry.method, path: path, query: query ?? self.query, headers: headers,
            body: bytes, credentials: credentials ?? auth.valid)
    }

    /// What a request the operation must let in gets: a documented 2xx (or 404 where the
    /// request names a resource by a made-up id, in its path or, for a documented 404 of a PUT,
    /// PATCH or DELETE, its body: a create, read, update, delete sequence proves the
    /// resources); where the document lists no success but redirects, one of those; where it
    /// lists nothing, any answer but a 5xx.
    var accepted: Expectation { referencing(acceptedOwn) }

    /// `expectation`, or where the requests name resources the run never created, any 4xx too.
    func referencing(_ expectation: Expectation) -> Expectation {
        referenceMembers.isEmpty ? expectation : .orRefusedReference(expectation, members: referenceMembers)
    }

    /// What a request the operation must let in gets, leaving aside the references it names.
    var acceptedOwn: Expectation {
        let keys = entry.operation.responses.byStatus.keys
        if keys.isEmpty { return .anyAnswer }
        if !keys.contains(where: { $0.hasPrefix("2") || $0 == "default" }) {
            let redirects = keys.compactMap { Int($0) }.filter { (300..<400).contains($0) }
            if !redirects.isEmpty { return .status(redirects) }
        }
        let namesResource =
            entry.parameters.contains { $0.location == .path }
            || (["PUT", "PATCH", "DELETE"].contains(entry.method) && keys.contains("404"))
        return namesResource ? .successOrAbsent : .success
    }

    /// What an invalid request gets: a documented 4xx, or 404 where its path names a
    /// made-up id (a valid one may get that too).
    var refusal: Expectation {
        referencing(acceptedOwn == .successOrAbsent ? .orAbsent(.clientError) : .clientError)
    }

    /// What a request gets that is valid or invalid by how the schema is read: a documented
    /// answer, or where the operation documents none any answer but a 5xx.
    var either: Expectation {
        switch acceptedOwn {
        case .success: referencing(.eitherOutcome)
        case .successOrAbsent: referencing(.orAbsent(.eitherOutcome))
        default: .anyAnswer
        }
    }

    /// What a valid request gets whose naming member holds a text the case chose (a value
    /// class, a short bound) rather than a fresh one: also a documented 409, as that name may
    /// belong to a resource an earlier case or run created.
    var acceptedWithChosenName: Expectation {
        guard acceptedOwn == .success, entry.operation.responses.byStatus["409"] != nil else { return accepted }
        return referencing(.successOrConflict(409))
    }

    /// Whether the member is a naming member (its value must be fresh, or 409 may follow).
    func isNamingMember(_ member: String) -> Bool {
        namingMembers.contains { $0.name == member }
    }

    /// Whether the body travels as a form (`application/x-www-form-urlencoded`).
    var isForm: Bool { bodyMediaType.map(MediaTypeName.essence) == FormEncoding.mediaType }

    /// Whether the body travels as XML.
    var isXML: Bool { bodyMediaType.map(XMLBody.isXML) ?? false }

    /// Whether the body travels as `multipart/form-data`.
    var isMultipart: Bool { bodyMediaType.map(MediaTypeName.essence) == MultipartEncoding.mediaType }

    /// The body as the server reads it: a form or multipart body carries only text, typed
    /// back by the schema.
    func onTheWire(_ body: JSONValue) -> JSONValue {
        if isForm { return FormEncoding.decode(FormEncoding.encode(body), layout: formLayout) }
        if isXML { return XMLBody.decode(XMLBody.encode(body), shape: bodyShape) ?? body }
        if isMultipart {
            let shape = bodyShape
            return MultipartEncoding.decode(
                MultipartEncoding.encode(body, shape: shape, partTypes: partTypes), contentType: MultipartEncoding.contentType, shape: shape)
                ?? body
        }
        return body
    }

    /// Whether the server must accept this body (checked as it travels; a form with no pair
    /// is still a form, the empty object).
    func accepts(_ body: JSONValue) -> Bool {
        guard let bodyValidator else { return true }
        return isForm
            ? FormEncoding.errors(onTheWire(body), bodyValidator, layout: formLayout).isEmpty
            : bodyValidator.isValid(onTheWire(body), direction: .request)
    }

    /// A valid body with every email member (and the rules' identity) given a fresh address and
    /// every naming member a fresh name where its schema takes one (`keeping` one that a case
    /// sets on purpose, a length bound say).
    func freshBody(_ body: JSONValue, _ generator: inout CaseGenerator, keeping kept: String? = nil) -> JSONValue {
        guard case .object = body else { return body }
        var fresh = body
        for name in addressMembers where body[name] != nil {
            fresh = fresh.setting(.string(generator.addresses.fresh()), at: JSONPointer(tokens: [name]))
        }
        for (name, validator) in namingMembers where name != kept && body[name] != nil {
            let token = JSONValue.string(generator.addresses.freshToken())
            if validator.isValid(token, direction: .request) { fresh = fresh.setting(token, at: JSONPointer(tokens: [name])) }
        }
        return fresh
    }

    /// Whether a member (or query parameter) names another resource by its id: `*_id`, `*-id`,
    /// `*Id`, `*ID` and their plurals, `id` itself outside a create (where it is the new
    /// resource's own), or the name of a resource family (`project` beside `/projects/{id}`),
    /// holding a number, a text or a list of them; or a token the run never obtained (`refresh`,
    /// `token`, `*_token`, `*Token`).
    static func namesReference(_ name: String, shape: SchemaShape?, families: Set<String>, method: String) -> Bool {
        let type = shape.map { $0.types.first { $0 != "null" } == "array" ? $0.items?.shape.types.first : $0.types.first } ?? nil
        guard type == nil || ["integer", "number", "string"].contains(type ?? "") else { return false }
        guard shape?.format != "email", shape?.enumeration.isEmpty ?? true else { return false }
        let lower = name.lowercased()
        if lower == "id" || lower == "ids" { return method.uppercased() != "POST" }
        // A token the run never obtained (a JWT refresh token, a reset token) is as unknown to
        // the server as a made-up id.
        if ["token", "refresh", "refresh_token", "access_token"].contains(lower) || name.hasSuffix("Token") || lower.hasSuffix("_token") {
            return type == nil || type == "string"
        }
        for suffix in ["_id", "-id", "_ids", "-ids"] where lower.hasSuffix(suffix) && lower.count > suffix.count { return true }
        for suffix in ["Id", "ID", "Ids", "IDs"] where name.hasSuffix(suffix) && name.count > suffix.count {
            let before = name.dropLast(suffix.count).last
            if before.map({ $0.isLowercase || $0.isNumber }) ?? false { return true }
        }
        let plural = lower.hasSuffix("s") ? lower : lower + "s"
        return families.contains(plural) || families.contains(lower + "es")
    }

    /// Member names that usually name a resource and are often unique: `name`, `username`,
    /// `display_name`, `title`, `slug`, `login`, `handle`, `label`.
    static func namesAResource(_ member: String) -> Bool {
        let plain = member.lowercased().filter { $0 != "_" && $0 != "-" }
        return ["name", "title", "slug", "login", "handle", "label"].contains { plain.hasSuffix($0) }
    }

    /// The synthesized valid body: every member, or only the required ones.
    func validBody(_ generator: inout CaseGenerator, includeOptional: Bool = true) -> JSONValue? {
        guard let bodyValidator else { return nil }
        var synthesizer = ValueSynthesizer(seed: generator.options.seed, includeOptional: includeOptional)
        return synthesizer.value(for: bodyValidator, direction: .request).map { freshBody($0, &generator) }
    }

    /// An undeclared method on a documented path is refused (a 405 with its `Allow`, or another
    /// 4xx); a TRACE, which echoes the request, credentials included, where a server serves it,
    /// too.
    func methodCases(_ document: OpenAPIDocument) -> [TestCase] {
        let declared = Set(document.paths[entry.path]?.operations.keys.map { $0.uppercased() } ?? [])
        let at = document.paths[entry.path].map { SpecLocation($0.location) }
        // A URL another path of the document serves with that method is that operation's
        // (`GET /things/filter` is `GET /things/{id}` where only the latter declares GET).
        let requested = PathTemplate.segments(ofRequestPath: path)
        let servedElsewhere = { (method: String) in
            document.paths.contains { key, item in
                key != entry.path && item.operations[method] != nil && PathTemplate(key).match(segments: requested) != nil
            }
        }
        var cases = ["GET", "PUT", "PATCH", "DELETE"].filter { !declared.contains($0) && !servedElsewhere($0) }.map { (method: String) in
            TestCase(
                operationId: entry.id, kind: .method, name: "\(method) \(entry.path) (not declared) is refused",
                steps: [.request(request(method: method), expect: .refusedMethod, checkRules: false)], specLocation: at)
        }
        if !declared.contains("TRACE"), !servedElsewhere("TRACE") {
            cases.append(
                TestCase(
                    operationId: entry.id, kind: .method, name: "TRACE \(entry.path) (not declared) is refused, never echoed",
                    steps: [.request(request(method: "TRACE"), expect: .refusedMethod, checkRules: false)], specLocation: at))
        }
        return cases
    }
}
