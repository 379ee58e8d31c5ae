import Foundation
import TestSupport

/// Independent checks of the reports with Python tools from PyPI: `xmlschema` for the JUnit
/// report against its XSD, `jsonschema` for a HAR file against the HAR 1.2 schema. Uses
/// `.venv-ci` when `.ci/run` made it, else a virtual environment of its own under `.build/`,
/// made on first use.
enum PythonCheck {
    /// `nil` when valid, else xmlschema's reason.
    static func validate(xml path: String, schema: String) throws -> String? {
        let script = """
            import sys, xmlschema
            try:
                xmlschema.XMLSchema(sys.argv[1]).validate(sys.argv[2])
            except Exception as error:
                print(error)
                sys.exit(1)
            """
        return try run(script, [schema, path], module: "xmlschema", requirement: "xmlschema==4.3.2")
    }

    /// `nil` when the JSON file is valid against the draft-06 schema `root` in `folder` (whose
    /// files refer to each other by name), else jsonschema's reasons, one per line.
    static func validate(json path: String, schemaFolder folder: String, root: String) throws -> String? {
        let script = """
            import json, pathlib, sys
            from jsonschema import Draft6Validator
            from referencing import Registry, Resource
            from referencing.jsonschema import DRAFT6
            folder = pathlib.Path(sys.argv[1])
            base = "https://schemas.invalid/har/"
            registry = Registry().with_resources(
                (base + f.name, Resource.from_contents(json.loads(f.read_text()), default_specification=DRAFT6))
                for f in folder.glob("*.json"))
            root = json.loads((folder / sys.argv[2]).read_text())
            root["$id"] = base + sys.argv[2]
            errors = sorted(Draft6Validator(root, registry=registry).iter_errors(json.loads(pathlib.Path(sys.argv[3]).read_text())), key=str)
            for error in errors:
                print("/" + "/".join(map(str, error.absolute_path)) + ": " + error.message)
            sys.exit(1 if errors else 0)
            """
        return try run(script, [folder, root, path], module: "jsonschema", requirement: "jsonschema==4.25.1")
    }

    private static func run(_ script: String, _ arguments: [String], module: String, requirement: String) throws -> String? {
        let outcome = try shell([try interpreter(module: module, requirement: requirement), "-c", script] + arguments)
        return outcome.status == 0 ? nil : outcome.output
    }

    /// Tests run at once: one makes the environment while the others wait for it.
    private static let installing = NSLock()

    private static func interpreter(module: String, requirement: String) throws -> String {
        installing.lock()
        defer { installing.unlock() }
        let own = RepositoryPaths.root + "/.build/venv-checks"
        for candidate in [RepositoryPaths.root + "/.venv-ci/bin/python", own + "/bin/python"] {
            if FileManager.default.isExecutableFile(atPath: candidate), try shell([candidate, "-c", "import \(module)"]).status == 0 {
                return candidate
            }
        }
        if !FileManager.default.isExecutableFile(atPath: own + "/bin/python") {
            _ = try shell(["python3", "-m", "venv", own])
        }
        let install = try shell([own + "/bin/pip", "install", "--quiet", "--disable-pip-version-check", requirement])
        guard install.status == 0 else { throw Failure(reason: "could not install \(requirement): \(install.output)") }
        return own + "/bin/python"
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
