import Foundation

extension DecodingError {
    /// Where (a JSON pointer) and what was expected, for a file that does not decode:
    /// `'log' is missing (at /)`, `expected a string (at /log/version)`.
    public var whereAndWhat: String {
        func pointer(_ path: [any CodingKey]) -> String {
            "/" + path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: "/")
        }
        switch self {
        case .keyNotFound(let key, let context):
            return "'\(key.stringValue)' is missing (at \(pointer(context.codingPath)))"
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return "expected \(Self.name(of: type)) (at \(pointer(context.codingPath)))"
        case .dataCorrupted(let context):
            return "\(context.debugDescription) (at \(pointer(context.codingPath)))"
        @unknown default:
            return "\(self)"
        }
    }

    private static func name(of type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Double.Type: "a number"
        case is [Any].Type: "an array"
        default: "an object"
        }
    }
}
