import OpenAPIModel
import SchemaValidation
import YAMLSource

/// The rules of an API that its schemas cannot say, read from a rules file beside the spec
/// (`specs/partneraccount.rules.yaml`): the one declaration the mock enacts and the runner checks.
public struct BusinessRules: Sendable {
    /// Rules by operationId.
    public var operations: [String: OperationRules]
    /// Where the API's documented error body carries its code, description and members.
    public var errorBody: ErrorBodyRule?
    /// The rules file, or `nil` when there is none.
    public var file: String?

    /// Rules as read (or none).
    public init(operations: [String: OperationRules] = [:], errorBody: ErrorBodyRule? = nil, file: String? = nil) {
        self.operations = operations
        self.errorBody = errorBody
        self.file = file
    }

    /// No rules: a document without a rules file.
    public static let none = BusinessRules()

    /// The rules of an operation, when it has any (an operation without an id has none).
    public func rules(for operationId: String?) -> OperationRules? {
        operationId.flatMap { operations[$0] }
    }

    /// The rules file that belongs to a spec: `NAME.rules.yaml` beside `NAME.yaml`.
    public static func defaultFile(forSpec spec: String) -> String {
        for suffix in [".yaml", ".yml", ".json"] where spec.hasSuffix(suffix) {
            return String(spec.dropLast(suffix.count)) + ".rules.yaml"
        }
        return spec + ".rules.yaml"
    }
}

/// What one operation's rules say.
public struct OperationRules: Sendable {
    /// The operation they are about.
    public var operationId: String
    /// Set when the operation creates a resource that is unique while active.
    public var creation: CreationRule?
    /// What its success body must say.
    public var response: ResponseRule
    /// Where the rules file writes them.
    public var mark: Mark
}

/// A create that names its resource by a request member, with one active resource per name.
public struct CreationRule: Sendable {
    /// How many creates for one name a race sends at once: the runner's race cases, and the
    /// arrivals the mock's `racy-duplicate-check` lets meet before any records.
    public static let raceWidth = 5

    /// The request member that names the resource.
    public var identity: JSONPointer
    /// Whether two names that differ only in case name one resource (e-mail addresses do).
    public var caseInsensitive: Bool
    /// The request member that says for how many days the resource stays active; `nil`:
    /// forever.
    public var activeDays: JSONPointer?
    /// The status of a create while a resource of that name is active.
    public var conflictStatus: Int
    /// Where the rules file writes it.
    public var mark: Mark

    /// The resource name a request body gives, normalized for comparison.
    public func key(in request: JSONValue) -> String? {
        guard case .string(let name)? = request.value(at: identity) else { return nil }
        return caseInsensitive ? name.lowercased() : name
    }

    /// The whole days a request asks the resource to stay active.
    public func days(in request: JSONValue) -> Int? {
        guard let activeDays, case .number(let number)? = request.value(at: activeDays), let days = number.int else { return nil }
        return Int(days)
    }
}

/// What the success body must say about the request and the clock.
public struct ResponseRule: Sendable {
    /// A response member that repeats a request member.
    public struct Echo: Sendable {
        /// The member of the success body.
        public var response: JSONPointer
        /// The request member it repeats.
        public var request: JSONPointer
        /// Where the rules file writes it.
        public var mark: Mark
    }

    /// A response member with a fixed value.
    public struct Constant: Sendable {
        /// The member of the success body.
        public var response: JSONPointer
        /// The value it always holds.
        public var value: JSONValue
        /// Where the rules file writes it.
        public var mark: Mark
    }

    /// Members that repeat the request.
    public var echo: [Echo] = []
    /// Members with a fixed value.
    public var constants: [Constant] = []
    /// Members that hold the time of the request.
    public var now: [JSONPointer] = []
    /// Members that hold the time of the request plus the active days.
    public var expiry: [JSONPointer] = []
    /// Members whose value is new for every resource.
    public var unique: [JSONPointer] = []
    /// Allowed between `expiry` and now + active days.
    public var toleranceSeconds: Double = 5
    /// Allowed between a `now` member and the time the request was sent and answered.
    public var nowToleranceSeconds: Double = 10
    /// Where the rules file writes them, when it does.
    public var mark: Mark?
}

/// Pointers into an API's documented error body.
public struct ErrorBodyRule: Sendable {
    /// The member holding the error's code.
    public var code: JSONPointer?
    /// The member holding its description, in words.
    public var description: JSONPointer?
    /// The member listing the request members at fault.
    public var members: JSONPointer?
}
