import SchemaValidation
import YAMLSource

/// One value an exploration case sends in one member: the class it belongs to, whether it is
/// valid, and how it is made.
struct Probe {
    /// Where in the request body (the root for a whole body).
    var member: JSONPointer
    /// What kind of value it is: "int32 overflow", "plus tag (local+tag@domain)".
    var valueClass: String
    var validity: CaseFocus.Validity
    /// The value in the case's name, when it is short and says more than the class.
    var shown: String?
    /// Written with every non-ASCII character as a `\uXXXX` escape (surrogate pairs for emoji).
    var escaped = false
    /// Makes the value around a fresh name (`ct-<tag>-<n>`), which only names and addresses
    /// use; `nil` leaves the member out.
    var make: (_ token: String) -> JSONValue?
    /// For a whole body: the member values it combines (`make` is then unused).
    var parts: [Probe] = []
    /// One of the random extras (`--examples`), not a value class every run covers.
    var isRandom = false

    init(
        _ member: JSONPointer, _ valueClass: String, _ validity: CaseFocus.Validity,
        shown: String? = nil, escaped: Bool = false, make: @escaping (_ token: String) -> JSONValue?
    ) {
        self.member = member
        self.valueClass = valueClass
        self.validity = validity
        self.shown = shown
        self.escaped = escaped
        self.make = make
    }

    init(
        _ member: JSONPointer, _ valueClass: String, _ validity: CaseFocus.Validity, value: JSONValue,
        showValue: Bool = false, escaped: Bool = false
    ) {
        self.init(member, valueClass, validity, shown: showValue ? value.truncatedText(limit: 30) : nil, escaped: escaped) { _ in value }
    }
}
