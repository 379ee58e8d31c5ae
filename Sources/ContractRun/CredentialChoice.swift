import AsyncHTTPClient
import CaseGeneration
import Execution
import OpenAPIModel
import OrderedCollections

/// Where a run finds its secrets and certificates: names of environment variables, a
/// command, files; never a secret itself.
public struct CredentialChoice: Sendable {
    /// The variable that holds the secret of every scheme without one of its own.
    public var tokenVariable: String
    /// A shell command that prints that secret instead.
    public var tokenCommand: String?
    /// An OAuth2 token endpoint that issues it instead (client credentials).
    public var oauth2: OAuth2Choice?
    /// Variables by security scheme name.
    public var schemeVariables: [String: String]
    /// The user name HTTP Basic sends.
    public var basicUser: String
    /// A PEM client certificate chain and its key, for mutualTLS.
    public var clientCertificate: (chain: String, key: String)?

    /// Where the secret comes from, in words: what a refusal of it asks the user to check.
    public var sourceWords: String {
        if let tokenCommand { return "the command `\(tokenCommand)`" }
        if let oauth2 { return "the OAuth2 token endpoint \(oauth2.tokenURL) (client $\(oauth2.clientIdVariable))" }
        let perScheme = schemeVariables.sorted { $0.key < $1.key }.map { "$\($0.value) for \($0.key)" }
        return (["$\(tokenVariable)"] + perScheme).joined(separator: ", ")
    }

    /// OAuth2's client credentials grant: where to ask, as whom (variables), for what.
    public struct OAuth2Choice: Sendable, Equatable {
        /// The token endpoint.
        public var tokenURL: String
        /// The variable holding the client id.
        public var clientIdVariable: String
        /// The variable holding the client secret.
        public var clientSecretVariable: String
        /// The scopes to ask for, space-separated; `nil`: the server's default.
        public var scope: String?
        /// How the client authenticates to the endpoint.
        public var clientAuthentication: OAuth2ClientCredentials.ClientAuthentication

        /// A grant at `tokenURL`, by default with `OAUTH2_CLIENT_ID` and `OAUTH2_CLIENT_SECRET`.
        public init(
            tokenURL: String, clientIdVariable: String = "OAUTH2_CLIENT_ID", clientSecretVariable: String = "OAUTH2_CLIENT_SECRET",
            scope: String? = nil, clientAuthentication: OAuth2ClientCredentials.ClientAuthentication = .basic
        ) {
            self.tokenURL = tokenURL
            self.clientIdVariable = clientIdVariable
            self.clientSecretVariable = clientSecretVariable
            self.scope = scope
            self.clientAuthentication = clientAuthentication
        }
    }

    /// Secret sources; by default `$PARTNER_API_TOKEN` for every scheme.
    public init(
        tokenVariable: String = "PARTNER_API_TOKEN", tokenCommand: String? = nil, oauth2: OAuth2Choice? = nil,
        schemeVariables: [String: String] = [:], basicUser: String = "contract-test", clientCertificate: (chain: String, key: String)? = nil
    ) {
        self.tokenVariable = tokenVariable
        self.tokenCommand = tokenCommand
        self.oauth2 = oauth2
        self.schemeVariables = schemeVariables
        self.basicUser = basicUser
        self.clientCertificate = clientCertificate
    }

    /// The run's secrets, after checking that every scheme the cases send a secret for has one;
    /// `client` is how a token endpoint is reached (trust, proxy).
    public func secrets(
        for cases: [TestCase], contract: LoadedContract,
        client: HTTPClient.Configuration = HTTPClient.Configuration()
    ) async throws(RunError) -> Secrets {
        try Self.checkSchemes(schemeVariables.keys, in: contract)
        let fallback =
            oauth2.map { choice in
                TokenSource.oauth2(
                    OAuth2ClientCredentials(
                        tokenURL: choice.tokenURL, clientIdVariable: choice.clientIdVariable, clientSecretVariable: choice.clientSecretVariable,
                        scope: choice.scope, clientAuthentication: choice.clientAuthentication, configuration: client))
            } ?? tokenCommand.map(TokenSource.command) ?? TokenSource.environment(tokenVariable)
        let secrets = Secrets(fallback: fallback, perScheme: schemeVariables.mapValues(TokenSource.environment), basicUser: basicUser)
        let used = Set(cases.flatMap { $0.requests.flatMap { $0.credentials.parts.filter { $0.value == .secret }.map(\.scheme) } })
        var needFallback: [String] = []
        for scheme in used.sorted() {
            guard let variable = schemeVariables[scheme] else {
                needFallback.append(scheme)
                continue
            }
            guard try await Self.token(of: .environment(variable)) != nil else {
                throw .unsetSchemeVariable(scheme: scheme, variable: variable)
            }
        }
        if !needFallback.isEmpty, try await Self.token(of: fallback) == nil {
            throw .noToken(variable: tokenVariable, schemes: needFallback)
        }
        return secrets
    }

    private static func token(of source: TokenSource) async throws(RunError) -> String? {
        do throws(TokenSource.Failure) {
            return try await source.token()
        } catch {
            throw .tokenSource(error)
        }
    }

    /// Refuses scheme names the document does not define (`--credential` of `run` and `mock`).
    public static func checkSchemes(_ names: some Sequence<String>, in contract: LoadedContract) throws(RunError) {
        let defined = Array(contract.document.components.securitySchemes.keys)
        for scheme in names where !defined.contains(scheme) {
            throw .unknownScheme(scheme, spec: contract.spec, defined: defined)
        }
    }
}
