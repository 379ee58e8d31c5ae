import CaseGeneration
import OpenAPIModel
import OrderedCollections

/// Refusals RFC 9110 prescribes for what a request carries, whatever the document lists: a case
/// that provoked one is answered lawfully by it, and the status shows among the operation's
/// undocumented ones in the coverage, not as a failure. 411 (Length Required) is not among
/// them: the client frames every request's content with `Content-Length` (async-http-client
/// sends `Content-Length: 0` for an empty POST, PUT or PATCH), so no case provokes it.
public enum PrescribedRefusal: Int, Sendable, CaseIterable {
    /// 413 Content Too Large (section 15.5.14): content larger than the server is willing to
    /// process. Provoked by a body of `largeBody` bytes or more: servers' limits start there
    /// (Express's JSON parser takes 100 KB by default).
    case contentTooLarge = 413
    /// 415 Unsupported Media Type (section 15.5.16): content in a format the operation does not
    /// take. Provoked by content without a `Content-Type` or of a type the operation's request
    /// body does not list.
    case unsupportedMediaType = 415

    /// The body size from which a 413 is an answer the RFC allows: 64 KiB.
    public static let largeBody = 64 * 1024

    /// Whether `status` is a refusal `request` provoked from `operation`.
    public static func provoked(_ status: Int, by request: RequestSpec, operation: Operation) -> Bool {
        guard let refusal = PrescribedRefusal(rawValue: status) else { return false }
        switch refusal {
        case .contentTooLarge:
            return (request.body?.count ?? 0) >= largeBody
        case .unsupportedMediaType:
            let contentType = request.headers.last { $0.name.lowercased() == "content-type" }?.value
            guard request.body != nil || contentType != nil else { return false }
            guard let contentType else { return true }
            let documented = operation.requestBody?.content.keys.map { MediaTypeName.essence($0) } ?? []
            return MediaTypeName.match(MediaTypeName.essence(contentType), in: documented) == nil
        }
    }
}
