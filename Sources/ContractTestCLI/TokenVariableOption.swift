import ArgumentParser

/// The variable a reproduction names for the secret, for the commands that judge traffic they
/// did not send (`verify`, `proxy`, `merge`): their curl lines say `"$NAME"` where it goes.
struct TokenVariableOption: ParsableArguments {
    @Option(help: "The environment variable reproductions name for the secret.")
    var tokenEnv = "PARTNER_API_TOKEN"
}
