/// The faults in who gets in: requests served without credentials, the scheme's spelling
/// held against a client, a TRACE that echoes credentials back.

/// `auth-ignored`: no security requirement is enforced.
struct AuthIgnored: FaultBehaviour {
    static let summary = "requests without a valid bearer token are served anyway"

    func adjust(_ policy: inout RequestPolicy) { policy.enforcesSecurity = false }
}

/// `auth-scheme-case-sensitive`: only the usual spelling of the scheme gets in, though RFC 9110
/// (section 11.1) matches schemes without case.
struct AuthSchemeCaseSensitive: FaultBehaviour {
    static let summary = "the Authorization scheme must be written as the document writes it ('bearer' is refused)"

    func schemeProblem(sent: Substring, scheme: String) -> String? {
        let usual = scheme.prefix(1).uppercased() + scheme.dropFirst().lowercased()
        return sent == usual ? nil : "the Authorization scheme is not written '\(usual)'"
    }
}

/// `trace-echoes`: TRACE on a documented path comes back as the answer, credentials included.
struct TraceEchoes: FaultBehaviour {
    static let summary = "TRACE is served with 200, echoing the request, credentials included"

    func answer(insteadOf request: MockRequest) -> MockResponse? {
        guard request.method.uppercased() == "TRACE" else { return nil }
        let echo = ["TRACE \(request.target) HTTP/1.1"] + request.headers.map { "\($0.name): \($0.value)" }
        return MockResponse(
            status: 200, headers: [("Content-Type", "message/http")], body: Array((echo.joined(separator: "\r\n") + "\r\n\r\n").utf8))
    }
}
