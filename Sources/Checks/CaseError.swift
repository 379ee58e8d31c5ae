import Execution

/// Why a case could not run to its end: no verdict on the target could be reached. Reports say
/// it in words; tools read which it is.
public enum CaseError: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A request got no answer.
    case transport(TransportError)
    /// The case names an operation the document does not have.
    case unknownOperation(String)
    /// The mock's clock could not be moved (`problem`: what the control route said).
    case clockNotMoved(problem: String)

    /// Which part failed, as the JUnit `<error type>` says it: `transport`, `document` or `mock-clock`.
    public var category: String {
        switch self {
        case .transport: "transport"
        case .unknownOperation: "document"
        case .clockNotMoved: "mock-clock"
        }
    }

    /// As every report says it.
    public var description: String {
        switch self {
        case .transport(let problem): problem.description
        case .unknownOperation(let id): "operation \(id) is not in the document"
        case .clockNotMoved(let problem): problem
        }
    }
}
