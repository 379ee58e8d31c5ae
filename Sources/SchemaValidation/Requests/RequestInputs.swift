import OpenAPIModel
import OrderedCollections
import YAMLSource

/// An operation's inputs compiled for reading requests: each parameter with its validator and
/// the request body's media types and validator. The mock reads every request it serves with
/// it, and `verify` judges recorded requests with it: one reading of "a request the contract
/// accepts".
public struct RequestInputs: Sendable {
    /// The request body the operation documents.
    public struct Body: Sendable {
        /// Whether a request must carry it.
        public var required: Bool
        /// Media type essences, lower case.
        public var mediaTypes: [String]
        /// Its schema, compiled; `nil`: any content.
        public var validator: SchemaValidator?
    }

    /// A request as far as reading it goes.
    public struct Request: Sendable {
        /// The query, without its `?`.
        public var query: String?
        /// The header fields, in order.
        public var headers: [(name: String, value: String)]
        /// `nil` when the body was larger than the reader may take.
        public var body: [UInt8]?

        /// A request to read.
        public init(query: String?, headers: [(name: String, value: String)], body: [UInt8]?) {
            self.query = query
            self.headers = headers
            self.body = body
        }

        /// The first value of a header, its name compared without case.
        public func header(_ name: String) -> String? {
            HeaderName.value(of: name, in: headers)
        }

        /// Every cookie, however many `Cookie` fields they came in.
        public var cookies: String? { Cookies.field(in: headers) }
    }

    /// A parameter the request gets wrong.
    public struct ParameterProblem: Sendable, Equatable, CustomStringConvertible {
        /// The parameter's name.
        public var name: String
        /// Where it goes.
        public var location: ParameterLocation
        /// In words: "required query parameter 'limit' is missing".
        public var description: String
    }

    /// Why a request body is refused.
    public struct BodyRejection: Error, Sendable, Equatable, CustomStringConvertible {
        /// The status a server answers it with: 400, 413 or 415.
        public var status: Int
        /// What is wrong, in words.
        public var message: String
        /// The top-level members at fault, in order.
        public var members: [String]
        /// The content is not what its media type says at all (not JSON, not XML).
        public var malformed = false

        /// A refusal.
        public init(status: Int, message: String, members: [String], malformed: Bool = false) {
            self.status = status
            self.message = message
            self.members = members
            self.malformed = malformed
        }

        /// The message.
        public var description: String { message }
    }

    /// A body as read, before its schema judges it.
    public enum DecodedBody: Sendable {
        /// No body, and none is required.
        case absent
        /// JSON, parsed.
        case json(JSONValue)
        /// A form (`application/x-www-form-urlencoded`), its values as text the schema reads.
        case form(JSONValue)
        /// XML or multipart, read into the schema's shape.
        case structured(JSONValue)
        /// A documented type the reader does not look into (`text/plain`, `application/octet-stream`).
        case opaque
    }

    /// Every parameter with its compiled schema.
    public var parameters: [(parameter: Parameter, validator: SchemaValidator?)]
    /// The body it documents, when it does.
    public var body: Body?
    /// How formats are read: `.strict` where a server enforces them (the mock), `.anyReading`
    /// where recorded requests are judged (a client that writes an address by any documented
    /// reading is faithful).
    public var formats: FormatReading

    /// The inputs of `entry`, their schemas compiled by `compiler`, formats read by `formats`.
    public init(entry: OperationEntry, compiler: SchemaCompiler, formats: FormatReading = .strict) {
        self.formats = formats
        if let requestBody = entry.operation.requestBody {
            body = Body(
                required: requestBody.required,
                mediaTypes: requestBody.content.keys.map { MediaTypeName.essence($0) },
                validator: requestBody.jsonContent?.content.schema.map(compiler.validator(for:)))
        }
        parameters = entry.parameters.map { ($0, $0.schema.map(compiler.validator(for:))) }
    }

    /// The first parameter the request gets wrong. Each value is read in its parameter's
    /// style (`form`, `simple`, `label`, `matrix`, `deepObject`, ...) and checked against its
    /// schema; `pathValues` are the path parameters as the path template matched them.
    public func parameterProblem(_ request: Request, pathValues: [String: String]) -> ParameterProblem? {
        let pairs = QueryString.pairs(request.query)
        for (parameter, validator) in parameters {
            let style = ParameterCoding.Style(name: parameter.name, style: parameter.effectiveStyle, explode: parameter.effectiveExplode)
            let shape = validator?.shape
            let value: JSONValue?
            switch parameter.location {
            case .query: value = ParameterCoding.read(pairs: pairs, style, shape: shape)
            case .path: value = pathValues[parameter.name].map { ParameterCoding.read(text: $0, style, shape: shape) }
            case .header: value = request.header(parameter.name).map { ParameterCoding.read(text: $0, style, shape: shape) }
            case .cookie: value = Cookies.value(parameter.name, in: request.cookies).map { ParameterCoding.read(text: $0, style, shape: shape) }
            case .querystring: value = request.query.map(JSONValue.string)
            }
            guard let value else {
                if parameter.required {
                    return ParameterProblem(
                        name: parameter.name, location: parameter.location,
                        description: "required \(parameter.location.rawValue) parameter '\(parameter.name)' is missing")
                }
                continue
            }
            guard let validator else { continue }
            if let error = validator.validate(value, direction: .request, formats: formats).first {
                return ParameterProblem(
                    name: parameter.name, location: parameter.location,
                    description: "\(parameter.location.rawValue) parameter '\(parameter.name)': \(error.message)")
            }
        }
        return nil
    }

    /// The request's body read as its Content-Type says, or why it is refused before its
    /// schema is asked. `maxBytes` only names the limit when the body was too large to keep.
    public func decodeBody(_ request: Request, maxBytes: Int) -> Result<DecodedBody, BodyRejection> {
        guard let body else { return .success(.absent) }
        guard let bytes = request.body else {
            return .failure(BodyRejection(status: 413, message: "the request body is larger than \(maxBytes) bytes", members: []))
        }
        // Empty content that says what it is (a Content-Type) is present and read as that: an
        // empty form is the empty object, empty JSON or XML is malformed. Only empty content
        // that says nothing is an absent body.
        let declared = request.header("Content-Type").map { MediaTypeName.match(MediaTypeName.essence($0), in: body.mediaTypes) != nil } ?? false
        if bytes.isEmpty, !declared {
            return body.required
                ? .failure(
                    BodyRejection(status: 400, message: "the request body is empty: expected \(body.mediaTypes.first ?? "a body")", members: []))
                : .success(.absent)
        }
        guard let contentType = request.header("Content-Type") else {
            return .failure(
                BodyRejection(
                    status: 415, message: "the request has no Content-Type: expected \(body.mediaTypes.joined(separator: " or "))", members: []))
        }
        let essence = MediaTypeName.essence(contentType)
        guard MediaTypeName.match(essence, in: body.mediaTypes) != nil else {
            return .failure(
                BodyRejection(
                    status: 415, message: "Content-Type \(essence) is not accepted: expected \(body.mediaTypes.joined(separator: " or "))",
                    members: []))
        }
        if XMLBody.isXML(essence) {
            guard let value = XMLBody.decode(bytes, shape: body.validator?.shape) else {
                return .failure(BodyRejection(status: 400, message: "the request body is not well-formed XML", members: [], malformed: true))
            }
            return .success(.structured(value))
        }
        if essence == MultipartEncoding.mediaType {
            guard let value = MultipartEncoding.decode(bytes, contentType: contentType, shape: body.validator?.shape) else {
                return .failure(
                    BodyRejection(
                        status: 400, message: "the request body is not multipart/form-data with the boundary its Content-Type names", members: [],
                        malformed: true))
            }
            return .success(.structured(value))
        }
        if essence == FormEncoding.mediaType {
            return .success(.form(FormEncoding.decode(String(decoding: bytes, as: UTF8.self), shape: body.validator?.shape)))
        }
        guard MediaTypeName.isJSON(essence) else { return .success(.opaque) }
        do {
            return .success(.json(try JSONParser().parse(bytes, file: "request body")))
        } catch {
            return .failure(BodyRejection(status: 400, message: "the request body is \(error.notJSONReason)", members: [], malformed: true))
        }
    }

    /// The value if the body's schema accepts it, else the refusal naming the offending
    /// members. `form`: the value came from a form, whose fields are text the schema reads.
    public func validated(_ value: JSONValue, form: Bool = false) -> Result<JSONValue, BodyRejection> {
        guard let validator = body?.validator else { return .success(value) }
        let errors = form ? FormEncoding.errors(value, validator, formats: formats) : validator.validate(value, direction: .request, formats: formats)
        guard !errors.isEmpty else { return .success(value) }
        let members = errors.map { $0.memberPointer.tokens.first ?? "" }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let message = errors.map { "#\($0.instancePointer): \($0.message)" }.joined(separator: "; ")
        return .failure(BodyRejection(status: 400, message: message, members: members))
    }

    /// The body read and judged by its schema: the value (`nil` when absent or opaque), or
    /// why the contract refuses it.
    public func readBody(_ request: Request, maxBytes: Int) -> Result<JSONValue?, BodyRejection> {
        switch decodeBody(request, maxBytes: maxBytes) {
        case .failure(let rejection): .failure(rejection)
        case .success(.absent), .success(.opaque): .success(nil)
        case .success(.json(let value)), .success(.structured(let value)): validated(value).map { $0 }
        case .success(.form(let value)): validated(value, form: true).map { $0 }
        }
    }
}
