import ArgumentParser
import CaseGeneration
import Execution
import OpenAPIModel

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

    /// Environment variables by scheme name.
    var variables: [String: String] {
        Dictionary(credentials.map { credential in
            let parts = credential.split(separator: "=", maxSplits: 1)
            return (String(parts[0]), String(parts[1]))
        }, uniquingKeysWith: { $1 })
    }

    var clientCertificate: (chain: String, key: String)? {
        guard let clientCert, let clientKey else { return nil }
        return (clientCert, clientKey)
    }

    /// The run's secrets, after checking that every scheme the cases send a secret for has
    /// one; problems are printed and end the command with status 2.
    func secrets(for cases: [TestCase], document: OpenAPIDocument, spec: String) async throws -> Secrets {
        let defined = document.components.securitySchemes.keys
        for scheme in variables.keys where !defined.contains(scheme) {
            let known = defined.isEmpty ? "it defines none" : "expected one of " + defined.joined(separator: ", ")
            Console.error("error: --credential names '\(scheme)', which is not a security scheme of \(spec): \(known)")
            throw ExitCode(2)
        }
        let fallback = tokenCommand.map(TokenSource.command) ?? TokenSource.environment(tokenEnv)
        let secrets = Secrets(fallback: fallback, perScheme: variables.mapValues(TokenSource.environment), basicUser: basicUser)
        let used = Set(cases.flatMap { $0.requests.flatMap { $0.credentials.parts.filter { $0.value == .secret }.map(\.scheme) } })
        var needFallback: [String] = []
        for scheme in used.sorted() {
            do {
                if let variable = variables[scheme] {
                    guard try await TokenSource.environment(variable).token() != nil else {
                        Console.error("error: no secret for security scheme '\(scheme)': $\(variable) is not set (--credential \(scheme)=\(variable))")
                        throw ExitCode(2)
                    }
                } else {
                    needFallback.append(scheme)
                }
            } catch let failure as TokenSource.Failure {
                Console.error("error: \(failure)")
                throw ExitCode(2)
            }
        }
        if !needFallback.isEmpty {
            do {
                guard try await fallback.token() != nil else {
                    Console.error("error: no token: set $\(tokenEnv) (or --token-env NAME) or pass --token-command; "
                        + "needed by the security scheme\(needFallback.count == 1 ? "" : "s") \(needFallback.joined(separator: ", "))")
                    throw ExitCode(2)
                }
            } catch let failure as TokenSource.Failure {
                Console.error("error: \(failure)")
                throw ExitCode(2)
            }
        }
        return secrets
    }
}
