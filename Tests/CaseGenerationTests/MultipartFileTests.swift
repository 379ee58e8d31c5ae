import BusinessRules
import CaseGeneration
import OpenAPIModel
import Testing
import YAMLSource

/// multipart/form-data parts that are files travel as files (RFC 7578 section 4.2: a filename;
/// section 4.4: the part's media type), as a server that takes an upload expects: OpenAPI 3.0's
/// `format: binary`, 3.1's `contentMediaType` (what FastAPI writes for `UploadFile`), arrays of
/// them, and the encoding object's `contentType` over both. Other members stay fields.
@Suite("multipart: files as files")
struct MultipartFileTests {
    static func body(_ version: String, schema: String, encoding: String = "") throws -> String {
        let text = """
            openapi: \(version)
            info: {title: Uploads, version: "1"}
            paths:
              /upload:
                post:
                  operationId: upload
                  requestBody:
                    required: true
                    content:
                      multipart/form-data:
                        schema: \(schema)
            \(encoding)
                  responses:
                    '200': {description: stored}
                    '422': {description: refused}
            """
        let document = try #require(OpenAPILoader().load(SourceFile(path: "uploads.yaml", text: text)).document)
        var generator = CaseGenerator(document: document, rules: .none, options: CaseOptions(runTag: "m", kinds: [.positive]))
        let positive = try #require(generator.cases().first { $0.name == "a body with every member is accepted" })
        guard case .request(let request, _, _)? = positive.steps.first else { throw Missing() }
        return String(decoding: request.body ?? [], as: UTF8.self)
    }

    struct Missing: Error {}

    @Test("3.1 contentMediaType (FastAPI's UploadFile) and 3.0 format: binary are files with a filename and their media type; text is a field")
    func files() throws {
        let fastAPI = try Self.body(
            "3.1.0",
            schema:
                "{type: object, required: [file, note], properties: {file: {type: string, contentMediaType: application/octet-stream}, photo: {type: string, contentMediaType: image/png}, note: {type: string}}}"
        )
        #expect(
            fastAPI.contains("Content-Disposition: form-data; name=\"file\"; filename=\"file.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n")
        )
        #expect(fastAPI.contains("Content-Disposition: form-data; name=\"photo\"; filename=\"photo.png\"\r\nContent-Type: image/png\r\n\r\n"))
        #expect(fastAPI.contains("Content-Disposition: form-data; name=\"note\"\r\n\r\n"))
        let binary = try Self.body(
            "3.0.3", schema: "{type: object, required: [files], properties: {files: {type: array, items: {type: string, format: binary}}}}")
        #expect(
            binary.contains(
                "Content-Disposition: form-data; name=\"files\"; filename=\"files.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n"))
    }

    @Test("the encoding object's contentType names the part's media type")
    func encoding() throws {
        let text = try Self.body(
            "3.0.3", schema: "{type: object, required: [scan], properties: {scan: {type: string, format: binary}, meta: {type: object}}}",
            encoding:
                "            encoding:\n              scan: {contentType: 'application/pdf, image/png'}\n              meta: {contentType: application/json}"
        )
        #expect(text.contains("Content-Disposition: form-data; name=\"scan\"; filename=\"scan.pdf\"\r\nContent-Type: application/pdf\r\n\r\n"))
    }
}
