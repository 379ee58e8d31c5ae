import Foundation

/// A header every request of a run carries besides what its case sends: what a gateway in front
/// of the sandbox demands (`X-Partner-Id`, a correlation id). Given as `Name: value`
/// (`-H/--header`, or the configuration file); a value that reads a variable (`${NAME}`) is a
/// secret, sent as read and shown as `[REDACTED]`.
public struct ExtraHeader: Sendable, Hashable {
    /// The header's name.
    public var name: String
    /// Its value, which may read variables.
    public var value: VariableText

    /// A header `name: value`.
    public init(name: String, value: VariableText) {
        self.name = name
        self.value = value
    }

    /// Why a header cannot be used, in words.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        /// `Name: value`, variables as written.
        public var description: String
    }

    /// Reads `Name: value`.
    public init(parsing line: String) throws(Problem) {
        guard let colon = line.firstIndex(of: ":") else {
            throw Problem(description: "expected 'Name: value', found no ':' in '\(line)'")
        }
        let name = String(line[..<colon])
        let text = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        let value: VariableText
        do throws(VariableText.ParseError) {
            value = try VariableText(parsing: text)
        } catch {
            throw Problem(description: "header \(name): \(error.description)")
        }
        try self.init(name: name, checking: value)
    }

    /// A header whose name and value are checked: a field name (RFC 9110 section 5.1), not one
    /// the tool sets itself, and a value without line breaks.
    public init(name: String, checking value: VariableText) throws(Problem) {
        guard !name.isEmpty, name.unicodeScalars.allSatisfy(Self.isTokenCharacter) else {
            throw Problem(description: "'\(name)' is not a header name: expected letters, digits and !#$%&'*+-.^_`|~ only")
        }
        if let reason = Self.reserved[name.lowercased()] {
            throw Problem(description: "header \(name) cannot be added to every request: \(reason)")
        }
        if Self.carriesCredentials(name), !value.isSecret {
            throw Problem(
                description:
                    "header \(name) carries credentials: give its value from a variable (-H '\(name): token ${NAME}') so it is never shown, logged or stored"
            )
        }
        if case .literal(let text)? = value.pieces.first(where: { if case .literal(let text) = $0 { Self.breaksLine(text) } else { false } }) {
            throw Problem(description: "header \(name): the value '\(text)' has a line break or NUL, which no header value may hold")
        }
        self.name = name
        self.value = value
    }

    /// Headers the run sets from the contract and the request itself.
    static let reserved: [String: String] = [
        "proxy-authorization": "give proxy credentials in HTTPS_PROXY (http://user:password@host:port)",
        "host": "it comes from the target's URL",
        "content-length": "it comes from each body",
        "transfer-encoding": "it comes from each body",
        "content-type": "each case sends the media type it tests",
        "connection": "the HTTP client manages connections",
    ]

    /// Whether a header of this name carries credentials, and so must read its value from a
    /// variable. `Authorization` may be added only where the document declares no scheme that
    /// sends it (the run refuses it otherwise, so auth cases can leave it out).
    public static func carriesCredentials(_ name: String) -> Bool {
        name.lowercased() == "authorization"
    }

    static func isTokenCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "!#$%&'*+-.^_`|~".unicodeScalars.contains(scalar))
    }

    static func breaksLine(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0 == "\r" || $0 == "\n" || $0 == "\0" }
    }

    /// The header ready to send: its value read from `environment`.
    public func resolved(in environment: [String: String]) throws(Problem) -> Resolved {
        let sent: String
        do throws(VariableText.UnsetVariable) {
            sent = try value.resolved(in: environment)
        } catch {
            throw Problem(description: "header \(name) reads ${\(error.name)}, which is not set")
        }
        if Self.breaksLine(sent) {
            throw Problem(
                description:
                    "header \(name): the value of ${\(value.variables.joined(separator: "}, ${"))} has a line break or NUL, which no header value may hold"
            )
        }
        return Resolved(name: name, sent: sent, shown: value.shown, variables: value.variables)
    }

    /// A header as sent and as shown.
    public struct Resolved: Sendable, Hashable {
        /// The header's name.
        public var name: String
        /// The value on the wire: never shown, logged or stored.
        public var sent: String
        /// The value in reports: each variable's part as `[REDACTED]`.
        public var shown: String
        /// The variables a reproduction reads, in order.
        public var variables: [String]

        /// A header resolved.
        public init(name: String, sent: String, shown: String, variables: [String]) {
            self.name = name
            self.sent = sent
            self.shown = shown
            self.variables = variables
        }
    }
}

/// The extra headers of a run, resolved: those every request carries, and those of one
/// operation (the configuration file's per-operation overrides), which replace a header of the
/// same name. A header the request already carries is not added: the case's own value wins.
public struct ExtraHeaders: Sendable {
    /// Headers every request carries.
    public var all: [ExtraHeader.Resolved]
    /// Headers of one operation's requests, by operationId.
    public var byOperation: [String: [ExtraHeader.Resolved]]

    /// The run's extra headers.
    public init(all: [ExtraHeader.Resolved] = [], byOperation: [String: [ExtraHeader.Resolved]] = [:]) {
        self.all = all
        self.byOperation = byOperation
    }

    /// No extra header.
    public static let none = ExtraHeaders()

    /// The headers a request of `operationId` gets.
    public func headers(for operationId: String?) -> [ExtraHeader.Resolved] {
        guard let operationId, let own = byOperation[operationId], !own.isEmpty else { return all }
        let replaced = Set(own.map { $0.name.lowercased() })
        return all.filter { !replaced.contains($0.name.lowercased()) } + own
    }
}
