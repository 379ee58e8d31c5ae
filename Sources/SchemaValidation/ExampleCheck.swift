import OpenAPIModel
import OrderedCollections
import YAMLSource

/// Documented examples of request and response bodies checked against their own schemas: a
/// document whose examples contradict it misleads its readers and every mock that serves
/// them. Each contradiction is a warning at the example, with the validator's reason.
public enum ExampleCheck {
    /// A warning for each example of `document` its own schema refuses, at the example.
    public static func diagnostics(in document: OpenAPIDocument) -> [Diagnostic] {
        let compiler = SchemaCompiler(document: document)
        var seen: Set<Mark> = []
        var found: [Diagnostic] = []
        func check(_ content: MediaType, _ mediaType: String, _ direction: Direction, where place: String) {
            guard let schema = content.schema, !content.allExamples.isEmpty else { return }
            let validator = compiler.validator(for: schema)
            // A form carries text: its example is judged as the form reads it back.
            let isForm = MediaTypeName.essence(mediaType) == FormEncoding.mediaType
            for (name, example) in content.allExamples where seen.insert(example.mark).inserted {
                var value = JSONValue(example)
                if isForm { value = FormEncoding.decode(FormEncoding.encode(value), shape: validator.shape) }
                guard let error = validator.validate(value, direction: direction).first else { continue }
                let title = name == "example" ? "the example" : "example '\(name)'"
                found.append(
                    .warning(
                        "\(title) of \(place) contradicts its schema: #\(error.instancePointer): \(error.keyword): \(error.message) (schema \(error.schema))",
                        at: example.mark))
            }
        }
        for entry in document.operations {
            for (mediaType, content) in entry.operation.requestBody?.content ?? [:] {
                check(content, mediaType, .request, where: "the \(mediaType) request body of \(entry.id)")
            }
            for (key, response) in entry.operation.responses.byStatus {
                for (mediaType, content) in response.content {
                    check(content, mediaType, .response, where: "the \(key) \(mediaType) response of \(entry.id)")
                }
            }
        }
        return found
    }
}
