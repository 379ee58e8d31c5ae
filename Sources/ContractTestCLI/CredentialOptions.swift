import ArgumentParser
import ContractRun

/// Where `run` finds its secrets and certificates. Nothing secret is given on the command
/// line: options name environment variables, commands and files.
struct CredentialOptions: ParsableArguments {
    @Option(help: "The environment variable that holds the secret of every security scheme (a bearer token, an API key, a Basic password).")
    var tokenEnv = "PARTNER_API_TOKEN"

    @Option(help: "A shell command that prints the secret (run again once on an unexpected 401).")
    var tokenCommand: String?

    @Option(name: .customLong("credential"), help: "SCHEME=ENV_VAR: the secret of this security scheme is in ENV_VAR (repeatable).")
    var credentials: [String] = []

    @Option(help: "The user name HTTP Basic sends, with the secret as its password.")
    var basicUser = "contract-test"

    @Option(help: "A PEM client certificate chain for mutualTLS (with --client-key).")
    var clientCert: String?

    @Option(help: "The PEM private key of --client-cert.")
    var clientKey: String?

    func validate() throws {
        for credential in credentials {
            let parts = credential.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw ValidationError("--credential takes SCHEME=ENV_VAR (the name of an environment variable, not the secret), found '\(credential.prefix(1))…'")
            }
        }
        if (clientCert == nil) != (clientKey == nil) {
            throw ValidationError("--client-cert and --client-key go together")
        }
    }

    /// The credentials these options name.
    var choice: CredentialChoice {
        let variables = Dictionary(credentials.map { credential in
            let parts = credential.split(separator: "=", maxSplits: 1)
            return (String(parts[0]), String(parts[1]))
        }, uniquingKeysWith: { $1 })
        return CredentialChoice(tokenVariable: tokenEnv, tokenCommand: tokenCommand, schemeVariables: variables, basicUser: basicUser,
                                clientCertificate: clientCert.flatMap { chain in clientKey.map { (chain, $0) } })
    }
}
