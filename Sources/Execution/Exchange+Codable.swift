import CaseGeneration

/// Exchanges as the stored run (`run.json`) holds them: header fields as `[name, value]` pairs
/// in order, bodies as text when they are UTF-8 and as base64 (`bodyBase64`) when not, so
/// every byte reads back as it was. The clock readings behind `timing` and `answerTime` stay
/// with the run that measured them.
extension Exchange: Codable {
    private enum CodingKeys: String, CodingKey {
        case request, response, transportError, duration, retries
    }

    /// Reads the stored form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            request: try container.decode(Request.self, forKey: .request),
            response: try container.decodeIfPresent(Response.self, forKey: .response),
            transportError: try container.decodeIfPresent(TransportError.self, forKey: .transportError),
            duration: try container.decode(Double.self, forKey: .duration),
            retries: try container.decodeIfPresent(Int.self, forKey: .retries) ?? 0)
    }

    /// Writes the stored form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(request, forKey: .request)
        try container.encodeIfPresent(response, forKey: .response)
        try container.encodeIfPresent(transportError, forKey: .transportError)
        try container.encode(duration, forKey: .duration)
        try container.encode(retries, forKey: .retries)
    }

    /// The exchange with each body cut to at most `limit` bytes (at a character's boundary
    /// when the body is text).
    public func cuttingBodies(to limit: Int) -> Exchange {
        var cut = self
        cut.request = request.cuttingBody(to: limit)
        cut.response?.body = StoredBody.cut(response?.body ?? [], to: limit)
        return cut
    }
}

extension Exchange.Request {
    /// The request with its body cut to at most `limit` bytes (at a character's boundary when
    /// the body is text).
    public func cuttingBody(to limit: Int) -> Exchange.Request {
        var cut = self
        cut.body = body.map { StoredBody.cut($0, to: limit) }
        return cut
    }
}

extension Exchange.Request: Codable {
    private enum CodingKeys: String, CodingKey {
        case method, url, headers, body, bodyBase64, secrets
    }

    /// Reads the stored form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            method: try container.decode(String.self, forKey: .method), url: try container.decode(String.self, forKey: .url),
            headers: try StoredHeaders.read(container.decode([[String]].self, forKey: .headers)),
            body: try StoredBody.read(container, text: .body, base64: .bodyBase64),
            secrets: try container.decodeIfPresent([RedactedSecret].self, forKey: .secrets) ?? [])
    }

    /// Writes the stored form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(method, forKey: .method)
        try container.encode(url, forKey: .url)
        try container.encode(headers.map { [$0.name, $0.value] }, forKey: .headers)
        if let body { try StoredBody.write(body, to: &container, text: .body, base64: .bodyBase64) }
        try container.encode(secrets, forKey: .secrets)
    }
}

extension Exchange.Response: Codable {
    private enum CodingKeys: String, CodingKey {
        case status, headers, body, bodyBase64
    }

    /// Reads the stored form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            status: try container.decode(Int.self, forKey: .status),
            headers: try StoredHeaders.read(container.decode([[String]].self, forKey: .headers)),
            body: try StoredBody.read(container, text: .body, base64: .bodyBase64) ?? [])
    }

    /// Writes the stored form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(status, forKey: .status)
        try container.encode(headers.map { [$0.name, $0.value] }, forKey: .headers)
        try StoredBody.write(body, to: &container, text: .body, base64: .bodyBase64)
    }
}

/// How stored exchanges write header fields.
private enum StoredHeaders {
    static func read(_ pairs: [[String]]) throws -> [(name: String, value: String)] {
        try pairs.map { pair in
            guard pair.count == 2 else {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: [], debugDescription: "a header field is a [name, value] pair, found \(pair.count) strings"))
            }
            return (pair[0], pair[1])
        }
    }
}
