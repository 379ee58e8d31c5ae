import Foundation
import TestSupport

/// Validates XML against an XSD with Python's `xmlschema` (PyPI): an independent check of the
/// JUnit report. Uses `.venv-ci` when `.ci/run` made it, else a virtual environment of its own
/// under `.build/`, made on first use.
enum XMLSchemaCheck {
    /// `nil` when valid, else xmlschema's reason.
    static func validate(xml path: String, schema: String) throws -> String? {
        let python = try interpreter()
        let script = """
            import sys, xmlschema
            try:
                xmlschema.XMLSchema(sys.argv[1]).validate(sys.argv[2])
            except Exception as error:
                print(error)
                sys.exit(1)
            """
        let outcome = try shell([python, "-c", script, schema, path])
        return outcome.status == 0 ? nil : outcome.output
    }

    private static func interpreter() throws -> String {
        for candidate in [RepositoryPaths.root + "/.venv-ci/bin/python", RepositoryPaths.root + "/.build/venv-xmlschema/bin/python"] {
            if FileManager.default.isExecutableFile(atPath: candidate), try shell([candidate, "-c", "import xmlschema"]).status == 0 {
                return candidate
            }
        }
        let venv = RepositoryPaths.root + "/.build/venv-xmlschema"
        _ = try shell(["python3", "-m", "venv", venv])
        let install = try shell([venv + "/bin/pip", "install", "--quiet", "--disable-pip-version-check", "xmlschema==4.3.2"])
        guard install.status == 0 else { throw Failure(reason: "could not install xmlschema: \(install.output)") }
        return venv + "/bin/python"
    }

    struct Failure: Error, CustomStringConvertible {
        var reason: String
        var description: String { reason }
    }

    private static func shell(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
