import SchemaValidation

/// The faults in HTTP itself: refusals in a shape of their own, a 405 without `Allow`, gzip
/// that fails or goes unlabelled.

/// `wrong-error-shape`: refusals carry `{"error": ...}` whatever the document says.
struct WrongErrorShape: FaultBehaviour {
    static let summary = "error answers carry {\"error\": ...} instead of the documented body"

    func errorBody(description: String) -> JSONValue? {
        .object(JSONObject([.init("error", .string(description))]))
    }
}

/// `no-allow-header`: a 405 that does not say what is allowed (RFC 9110 section 15.5.6 says it must).
struct NoAllowHeader: FaultBehaviour {
    static let summary = "405 answers leave out Allow"

    func methodNotAllowed(_ response: MockResponse) -> MockResponse {
        var response = response
        response.headers.removeAll { $0.name.lowercased() == "allow" }
        return response
    }
}

/// `server-error-on-gzip`: the compressing layer fails.
struct ServerErrorOnGzip: FaultBehaviour {
    static let summary = "a request that takes gzip answers (Accept-Encoding: gzip) is answered 500"

    func adjust(_ coding: inout ResponseCoding.Policy) { coding.fails = true }
}

/// `gzip-unlabelled`: answers compressed without `Content-Encoding`.
struct GzipUnlabelled: FaultBehaviour {
    static let summary = "answers to requests that take gzip are compressed without Content-Encoding"

    func adjust(_ coding: inout ResponseCoding.Policy) { coding.labelsEncoding = false }
}
