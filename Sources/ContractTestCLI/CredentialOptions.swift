import ArgumentParser
import ContractRun
import Execution

/// Where `run` finds its secrets and certificates. Nothing secret is given on the command
/// line: options name environment variables, commands and files.
struct CredentialOptions: ParsableArguments {
    @Option(help: "The environment variable that holds the secret of every security scheme (a bearer token, an API key, a Basic password).")
    var tokenEnv = "PARTNER_API_TOKEN"

    @Option(help: "A shell command that prints the secret (run again once on an unexpected 401).")
    var tokenCommand: String?

    @Option(help: ArgumentHelp("An OAuth2 token endpoint that issues the bearer token (client credentials grant); renewed before it expires.", valueName: "url"))
    var oauth2TokenUrl: String?

    @Option(help: ArgumentHelp("The environment variable that holds the OAuth2 client id.", valueName: "name"))
    var oauth2ClientIdEnv = "OAUTH2_CLIENT_ID"

    @Option(help: ArgumentHelp("The environment variable that holds the OAuth2 client secret.", valueName: "name"))
    var oauth2ClientSecretEnv = "OAUTH2_CLIENT_SECRET"

    @Option(help: "The OAuth2 scopes to ask for, space-separated (default: the server's).")
    var oauth2Scope: String?

    @Option(help: "How the OAuth2 client authenticates to the token endpoint: basic (HTTP Basic) or post (in the form).")
    var oauth2ClientAuth: OAuth2ClientCredentials.ClientAuthentication = .basic

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
        if oauth2TokenUrl != nil, tokenCommand != nil {
            throw ValidationError("give either --token-command or --oauth2-token-url, not both")
        }
        if let url = oauth2TokenUrl, !(url.hasPrefix("https://") || url.hasPrefix("http://")) {
            throw ValidationError("--oauth2-token-url must start with https:// or http://, found '\(url)'")
        }
    }

    /// The credentials these options name.
    var choice: CredentialChoice {
        let variables = Dictionary(credentials.map { credential in
            let parts = credential.split(separator: "=", maxSplits: 1)
            return (String(parts[0]), String(parts[1]))
        }, uniquingKeysWith: { $1 })
        let oauth2 = oauth2TokenUrl.map {
            CredentialChoice.OAuth2Choice(tokenURL: $0, clientIdVariable: oauth2ClientIdEnv, clientSecretVariable: oauth2ClientSecretEnv,
                                          scope: oauth2Scope, clientAuthentication: oauth2ClientAuth)
        }
        return CredentialChoice(tokenVariable: tokenEnv, tokenCommand: tokenCommand, oauth2: oauth2, schemeVariables: variables, basicUser: basicUser,
                                clientCertificate: clientCert.flatMap { chain in clientKey.map { (chain, $0) } })
    }
}

extension OAuth2ClientCredentials.ClientAuthentication: ExpressibleByArgument {}
