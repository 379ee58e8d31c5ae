import ArgumentParser

/// How the tool talks to a server over the network: shared by `run` (the target) and `proxy`
/// (the upstream).
struct ConnectionOptions: ParsableArguments {
    @Option(help: "A PEM file of CA certificates to trust besides the system's (a private or test CA behind HTTPS).")
    var caCert: String?

    @Option(help: "Seconds to wait for each answer (default: 30).")
    var timeout: Int?

    func validate() throws {
        if let timeout, timeout < 1 { throw ValidationError("--timeout must be at least 1 second") }
    }

    /// Seconds to wait for each answer.
    var answerTimeout: Int { timeout ?? 30 }
}
