import ArgumentParser
import ContractRun
import Foundation
import OpenAPIModel
import OrderedCollections
import SchemaValidation
import YAMLSource

/// `contract-test validate`: QA's check of a captured body against a schema of the contract.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate a JSON (or YAML) body against a schema of an OpenAPI document.",
        discussion: """
            Pick the schema with exactly one of --schema, --pointer and --response. Exits 0 when \
            the body is valid, 1 when it is not, 2 on a usage or spec error.
            """
    )

    @Option(help: "The OpenAPI document.")
    var spec = ContractSource.defaultSpec

    @OptionGroup(title: "Remote references")
    var remoteReferences: RemoteReferenceOptions

    @Option(help: "A component schema by name (components/schemas/NAME).")
    var schema: String?

    @Option(help: "Any schema by JSON pointer into the document, e.g. '#/components/schemas/Invitation'.")
    var pointer: String?

    @Option(
        parsing: .upToNextOption,
        help: ArgumentHelp(
            "The schema of a documented response: an operationId and a status.", valueName: "operation-id status"))
    var response: [String] = []

    @Option(
        help:
            "Which way the body travels: request (readOnly members refused), response (writeOnly refused), or none. Default: response with --response, else none."
    )
    var direction: DirectionOption?

    @Argument(help: "The body to check; - or nothing reads standard input.")
    var file: String?

    /// The body's path: the argument, or a third value swallowed by `--response`.
    private var bodyPath: String {
        file ?? (response.count == 3 ? response[2] : "-")
    }

    func validate() throws {
        let choices = [schema != nil, pointer != nil, !response.isEmpty].filter { $0 }.count
        guard choices == 1 else {
            throw ValidationError("Give exactly one of --schema, --pointer and --response.")
        }
        if !response.isEmpty {
            guard response.count == 2 || (response.count == 3 && file == nil) else {
                throw ValidationError("--response takes an operationId and a status, e.g. --response createPartnerInvitation 200.")
            }
            guard Int(response[1]) != nil || response[1] == "default" || Responses.isStatusKey(response[1]) else {
                throw ValidationError("--response status '\(response[1])' is not a status code: expected e.g. 200, 4XX or default.")
            }
        }
    }

    func run() throws {
        let loaded = remoteReferences.loader.load(file: spec)
        guard let document = loaded.document, !loaded.hasErrors else {
            throw RunError.contract(loaded.diagnostics.filter { $0.severity == .error }, sources: loaded.sourceMap.sources)
        }
        let target: (schema: Schema, direction: Direction)
        do throws(SelectionError) {
            target = try selectSchema(in: document)
        } catch {
            throw RunError.noSchema(error.message)
        }
        let compiler = SchemaCompiler(document: document)
        let validator = compiler.validator(for: target.schema)
        if !compiler.diagnostics.isEmpty {
            throw RunError.contract(compiler.diagnostics, sources: loaded.sourceMap.sources)
        }

        let name = bodyPath == "-" ? "<stdin>" : bodyPath
        let source: SourceFile
        do {
            source =
                bodyPath == "-"
                ? SourceFile(path: name, bytes: Array(FileHandle.standardInput.readDataToEndOfFile()))
                : try SourceFile(contentsOf: bodyPath)
        } catch {
            throw RunError.contract([error], sources: [])
        }
        let schemaName = "#\(target.schema.location.pointer) (\(target.schema.location.mark))"
        let instance: JSONValue
        do {
            instance = try InstanceReader.read(source.bytes, file: name)
        } catch {
            print("\(name): not a JSON or YAML value, so not valid against \(schemaName):")
            print(DiagnosticRenderer(sources: [source]).render(error))
            throw ExitCode(1)
        }
        let errors = validator.validate(instance, direction: direction?.value ?? target.direction)
        if errors.isEmpty {
            print("\(name): valid against \(schemaName)")
            return
        }
        print("\(name): invalid against \(schemaName), \(errors.count) error\(errors.count == 1 ? "" : "s"):")
        for error in errors { print("  \(error)") }
        throw ExitCode(1)
    }

    /// Why the options name no schema.
    struct SelectionError: Error {
        var message: String
    }

    private func selectSchema(in document: OpenAPIDocument) throws(SelectionError) -> (Schema, Direction) {
        if let schema {
            guard let found = document.components.schemas[schema] else {
                let known = document.components.schemas.keys.joined(separator: ", ")
                throw SelectionError(message: "no component schema '\(schema)' in \(spec): expected one of \(known.isEmpty ? "(none)" : known)")
            }
            return (found, .none)
        }
        if let pointer {
            let text = pointer.hasPrefix("#") ? String(pointer.dropFirst()) : pointer
            guard let parsed = JSONPointer(fragment: text), let file = document.sourceMap.mainFile,
                let node = document.sourceMap.node(at: parsed, in: file)
            else {
                throw SelectionError(
                    message: "nothing exists at '\(pointer)' in \(spec): expected a JSON pointer such as '#/components/schemas/Invitation'")
            }
            return (Schema(node: node, location: Location(mark: node.mark, pointer: parsed), dialect: document.schemaDialect), .none)
        }
        let (operationId, status) = (response[0], response[1])
        guard let operation = document.operation(id: operationId) else {
            let known = document.operations.compactMap(\.operation.operationId).joined(separator: ", ")
            throw SelectionError(message: "no operation '\(operationId)' in \(spec): expected one of \(known)")
        }
        let responses = operation.operation.responses
        let documented = Int(status).flatMap(responses.response(for:)) ?? responses.byStatus[status]
        guard let documented else {
            let keys = responses.byStatus.keys.joined(separator: ", ")
            throw SelectionError(message: "\(operationId) documents no response for \(status) (documented: \(keys))")
        }
        guard let body = documented.jsonContent, let schema = body.content.schema else {
            throw SelectionError(message: "the \(status) response of \(operationId) documents no body schema")
        }
        return (schema, .response)
    }
}

/// `--direction`.
enum DirectionOption: String, ExpressibleByArgument, CaseIterable {
    case none, request, response

    var value: Direction {
        switch self {
        case .none: .none
        case .request: .request
        case .response: .response
        }
    }
}
