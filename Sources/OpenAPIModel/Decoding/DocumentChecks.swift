import OrderedCollections
import YAMLSource

/// Rules that span objects: unique operation ids, path templates matching path parameters,
/// security requirements naming defined schemes, links naming existing operations.
enum DocumentChecks {
    static func run(on document: OpenAPIDocument, _ context: DecodingContext) {
        let operations = document.operations
        checkOperationIds(operations, context)
        for entry in operations { checkPathParameters(entry, context) }
        let requirements = document.security + operations.flatMap { $0.operation.security ?? [] }
        checkSecurityRequirements(requirements, schemes: document.components.securitySchemes.keys, context)
        checkLinks(document, operations, context)
    }

    private static func checkOperationIds(_ operations: [OperationEntry], _ context: DecodingContext) {
        var first: [String: (method: String, path: String, mark: Mark)] = [:]
        first.reserveCapacity(operations.count)
        for entry in operations {
            guard let id = entry.operation.operationId else { continue }
            if let earlier = first[id] {
                context.error(
                    "operationId '\(id)' is already used by \(earlier.method) \(earlier.path) (at \(earlier.mark.line):\(earlier.mark.column)): expected each operationId once",
                    at: entry.operation.location)
            } else {
                first[id] = (entry.method, entry.path, entry.operation.location.mark)
            }
        }
    }

    private static func checkPathParameters(_ entry: OperationEntry, _ context: DecodingContext) {
        let templateNames = entry.path.templateVariables
        let declared = entry.parameters.filter { $0.location == .path }
        for name in templateNames where !declared.contains(where: { $0.name == name }) {
            context.error(
                "\(entry.method) \(entry.path) declares no path parameter '\(name)': expected one for '{\(name)}' in the path",
                at: entry.operation.location)
        }
        for parameter in declared where !templateNames.contains(parameter.name) {
            context.error(
                "path parameter '\(parameter.name)' does not appear in the path '\(entry.path)': expected '{\(parameter.name)}' in it",
                at: parameter.objectLocation)
        }
    }

    private static func checkSecurityRequirements(
        _ requirements: [SecurityRequirement], schemes: some Collection<String>, _ context: DecodingContext
    ) {
        for requirement in requirements {
            for name in requirement.schemes.keys where !schemes.contains(name) {
                let known = schemes.isEmpty ? "none is defined" : "defined: " + schemes.joined(separator: ", ")
                context.error(
                    "security requirement names '\(name)', which is not in components.securitySchemes (\(known))",
                    at: requirement.location)
            }
        }
    }

    private static func checkLinks(_ document: OpenAPIDocument, _ operations: [OperationEntry], _ context: DecodingContext) {
        let operationIds = Set(operations.compactMap(\.operation.operationId))
        let links =
            operations.flatMap { $0.operation.responses.byStatus.values.flatMap(\.links.values) }
            + document.components.links.values
        for link in links {
            if let id = link.operationId, !operationIds.contains(id) {
                context.error("the link names operationId '\(id)', which no operation has", at: link.location, documentationOnly: true)
            }
        }
    }
}
