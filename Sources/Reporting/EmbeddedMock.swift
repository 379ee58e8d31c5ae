/// The mock a run started in-process for itself: enough to start the same mock again, so a
/// reproduction's curl command (which names its port) reaches a server that answers the same.
public struct EmbeddedMock: Sendable, Codable, Equatable {
    /// The port it listened on, which the reproductions name.
    public var port: Int
    /// Its seed (the run's).
    public var seed: UInt64
    /// The faults it was started with, by name.
    public var faults: [String]
    /// The document and rules file it served, when not the contract's defaults.
    public var spec: String?
    /// The rules file, when given.
    public var rules: String?

    /// The mock of a run.
    public init(port: Int, seed: UInt64, faults: [String], spec: String?, rules: String?) {
        self.port = port
        self.seed = seed
        self.faults = faults.sorted()
        self.spec = spec
        self.rules = rules
    }

    /// `contract-test mock --port 53120 --seed 1 --fault wrong-content-type --token "$PARTNER_API_TOKEN"`:
    /// the token is the one the reproductions send.
    public func command(tokenVariable: String) -> String {
        var parts = ["contract-test mock"]
        if let spec { parts.append("--spec \(CurlCommand.quote(spec))") }
        if let rules { parts.append("--rules \(CurlCommand.quote(rules))") }
        parts.append("--port \(port) --seed \(seed)")
        parts += faults.map { "--fault \($0)" }
        parts.append("--token \"$\(tokenVariable)\"")
        return parts.joined(separator: " ")
    }
}
