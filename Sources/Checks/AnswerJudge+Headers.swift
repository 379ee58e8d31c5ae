import Execution
import Foundation
import OpenAPIModel
import OrderedCollections
import SchemaValidation

extension AnswerJudge {
    /// The documented headers of an answer: required ones present (`header`), and every one
    /// present read as OpenAPI serializes headers (`simple` style; a JSON media type under
    /// `content`) and valid against its schema (`header-schema`). A repeated field counts as
    /// one value, its lines joined by commas (RFC 9110 section 5.3); `Content-Type` is judged
    /// by its own check, as OpenAPI says.
    func judgeHeaders(_ response: Exchange.Response, documented: Response, key: String, operation: OperationEntry) -> [CheckFailure] {
        var failures: [CheckFailure] = []
        for (name, header) in documented.headers where name.lowercased() != "content-type" {
            let lines = response.headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value)
            guard !lines.isEmpty else {
                if header.required {
                    failures.append(
                        CheckFailure(
                            check: .header, message: "documented required header \(name) is missing",
                            specLocation: SpecLocation(header.location), expectation: "header \(name)"))
                }
                continue
            }
            guard checks.contains(.headerSchema) else { continue }
            let text = lines.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ", ")
            if let failure = judgeHeaderValue(text, name: name, header: header, owner: "\(operation.id) \(key)") {
                failures.append(failure)
            }
        }
        return failures
    }

    /// Why a present header's value breaks its schema, if it does.
    private func judgeHeaderValue(_ text: String, name: String, header: Header, owner: String) -> CheckFailure? {
        let value: JSONValue
        let validator: SchemaValidator
        if let schema = header.schema {
            guard let compiled = self.validator(named: "\(owner) header \(name.lowercased())", of: schema) else { return nil }
            validator = compiled
            let shape = validator.shape
            // List members may have whitespace around their commas (RFC 9110 section 5.6.1).
            let listed =
                shape.types.first == "array" || shape.types.first == "object"
                ? text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: ",")
                : text
            let style = ParameterCoding.Style(name: name, style: "simple", explode: header.explode ?? false)
            value = ParameterCoding.read(text: listed, style, shape: shape)
        } else if let (mediaType, content) = header.content?.first(where: { MediaTypeName.isJSON(MediaTypeName.essence($0.key)) }).map({
            ($0.key, $0.value)
        }),
            let compiled = self.validator(named: "\(owner) header \(name.lowercased()) \(mediaType)", of: content.schema)
        {
            validator = compiled
            do {
                value = try JSONParser().parse(Array(text.utf8), file: "header \(name)")
            } catch {
                return CheckFailure(
                    check: .headerSchema, message: "header \(name): '\(text)' is \(error.notJSONReason) (the document says \(mediaType))",
                    specLocation: SpecLocation(header.location), expectation: "header \(name) \(mediaType)")
            }
        } else {
            return nil
        }
        guard let error = validator.validate(value, direction: .response, formats: .anyReading).first else { return nil }
        return CheckFailure(
            check: .headerSchema, message: "header \(name): '\(text)': \(error.keyword): \(error.message)",
            specLocation: error.schema.specLocation, expectation: "header \(name) \(error.keyword)")
    }

    /// An answer slower than `--max-response-time` allows.
    static func slowAnswer(_ seconds: Double, limit: Double) -> CheckFailure {
        let allowed = Int((limit * 1000).rounded())
        return CheckFailure(
            check: .responseTime,
            message: "answered in \(Int((seconds * 1000).rounded())) ms, more than the \(allowed) ms allowed (--max-response-time)",
            expectation: "answered within \(allowed) ms")
    }
}
