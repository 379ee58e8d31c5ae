import Foundation
import OpenAPIModel
import SchemaValidation

/// A request as the mock sees it, independent of the HTTP server carrying it.
public struct MockRequest: Sendable {
    /// `POST`, as sent.
    public var method: String
    /// The path and query as sent (`/developerprofile/api/v1/invitation?x=1`).
    public var target: String
    /// Header names as sent; look-ups ignore case.
    public var headers: [(name: String, value: String)]
    /// `nil` when the body was larger than the configured cap.
    public var body: [UInt8]?

    /// A request as received.
    public init(method: String, target: String, headers: [(name: String, value: String)] = [], body: [UInt8]? = []) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
    }

    /// The first value of a header, its name compared without case.
    public func header(_ name: String) -> String? {
        HeaderName.value(of: name, in: headers)
    }

    /// Every cookie the request carries, however many `Cookie` fields they came in (HTTP/2
    /// and HTTP field libraries split them).
    public var cookies: String? { Cookies.field(in: headers) }

    /// The path, without the query.
    public var path: String {
        guard let mark = target.utf8.firstIndex(of: UInt8(ascii: "?")) else { return target }
        return String(target[..<mark])
    }

    /// The query, without its `?`; `nil` when there is none.
    public var query: String? {
        guard let mark = target.utf8.firstIndex(of: UInt8(ascii: "?")) else { return nil }
        return String(target[target.utf8.index(after: mark)...])
    }
}

/// An answer of the mock.
public struct MockResponse: Sendable {
    /// The status code.
    public var status: Int
    /// The header fields in order.
    public var headers: [(name: String, value: String)]
    /// The body's bytes.
    public var body: [UInt8]

    /// An answer.
    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of a header, its name compared without case.
    public func header(_ name: String) -> String? {
        HeaderName.value(of: name, in: headers)
    }

    /// The answer as HTTP allows it (RFC 9110 sections 6.4.1, 15.3.5, 15.4.5): no content for a
    /// 1xx, 204 or 304, nor for any answer to HEAD; header names that are tokens and values
    /// without line breaks or other control characters.
    public func lawful(for method: String) -> MockResponse {
        var answer = self
        if status < 200 || status == 204 || status == 304 {
            answer.body = []
            answer.headers.removeAll { ["content-type", "content-length"].contains($0.name.lowercased()) }
        } else if method.utf8.count == 4, method.uppercased() == "HEAD" {
            answer.body = []
        }
        // Most answers are clean already: only a header that needs it is rebuilt.
        guard answer.headers.contains(where: { !Self.isLawful(name: $0.name, value: $0.value) }) else { return answer }
        answer.headers = answer.headers.compactMap { name, value in
            guard !name.isEmpty, name.utf8.allSatisfy(Self.isTokenByte) else { return nil }
            let cleaned = String(value.unicodeScalars.filter { $0 == "\t" || ($0.value >= 0x20 && $0.value != 0x7F) })
            return (name, cleaned.trimmingCharacters(in: .whitespaces))
        }
        return answer
    }

    /// A token name and a value of visible characters and inner spaces and tabs.
    private static func isLawful(name: String, value: String) -> Bool {
        guard !name.isEmpty, name.utf8.allSatisfy(isTokenByte) else { return false }
        let bytes = value.utf8
        if let first = bytes.first, first == 0x20 || first == 0x09 { return false }
        if let last = bytes.last, last == 0x20 || last == 0x09 { return false }
        return bytes.allSatisfy { $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }
    }

    /// RFC 9110 `tchar`.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        default: "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }
}
