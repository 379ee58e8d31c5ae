import ArgumentParser
import ContractRun
import Execution

/// Where `run` finds its secrets and certificates. Nothing secret is given on the command
/// line: options name environment variables, commands and files.
struct CredentialOptions: ParsableArguments {
    @Option(
        help:
            "The environment variable that holds the secret of every security scheme: a bearer token, an API key, a Basic password (default: PARTNER_API_TOKEN)."
    )
    var tokenEnv: String?

    @Option(help: "A shell command that prints the secret (run again once on an unexpected 401).")
    var tokenCommand: String?

    @Option(
        help: ArgumentHelp(
            "An OAuth2 token endpoint that issues the bearer token (client credentials grant); renewed before it expires.", valueName: "url"))
    var oauth2TokenUrl: String?

    @Option(help: ArgumentHelp("The environment variable that holds the OAuth2 client id (default: OAUTH2_CLIENT_ID).", valueName: "name"))
    var oauth2ClientIdEnv: String?

    @Option(help: ArgumentHelp("The environment variable that holds the OAuth2 client secret (default: OAUTH2_CLIENT_SECRET).", valueName: "name"))
    var oauth2ClientSecretEnv: String?

    @Option(help: "The OAuth2 scopes to ask for, space-separated (default: the server's).")
    var oauth2Scope: String?

    @Option(help: "How the OAuth2 client authenticates to the token endpoint: basic (HTTP Basic, the default) or post (in the form).")
    var oauth2ClientAuth: OAuth2ClientCredentials.ClientAuthentication?

    @Option(name: .customLong("credential"), help: "SCHEME=ENV_VAR: the secret of this security scheme is in ENV_VAR (repeatable).")
    var credentials: [String] = []

    @Option(help: "The user name HTTP Basic sends, with the secret as its password (default: contract-test).")
    var basicUser: String?

    @Option(help: "A PEM client certificate chain for mutualTLS (with --client-key).")
    var clientCert: String?

    @Option(help: "The PEM private key of --client-cert.")
    var clientKey: String?

    func validate() throws {
        for credential in credentials {
            guard let pair = SchemeCredentials.pair(credential), !pair.value.isEmpty else {
                throw ValidationError(
                    "--credential takes SCHEME=ENV_VAR (the name of an environment variable, not the secret), found '\(credential.prefix(1))…'")
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

    /// What these options say of a run.
    func fill(_ settings: inout RunSettings) {
        settings.tokenEnv = tokenEnv
        settings.tokenCommand = tokenCommand
        settings.oauth2TokenURL = oauth2TokenUrl
        settings.oauth2ClientIdEnv = oauth2ClientIdEnv
        settings.oauth2ClientSecretEnv = oauth2ClientSecretEnv
        settings.oauth2Scope = oauth2Scope
        settings.oauth2ClientAuth = oauth2ClientAuth
        settings.schemeVariables = SchemeCredentials.byScheme(credentials)
        settings.basicUser = basicUser
        settings.clientCert = clientCert
        settings.clientKey = clientKey
    }
}

extension OAuth2ClientCredentials.ClientAuthentication: ExpressibleByArgument {}
