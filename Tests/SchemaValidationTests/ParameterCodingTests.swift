import OpenAPIModel
import SchemaValidation
import Testing

/// The style table of the OpenAPI specification (section "Style Examples"), both ways.
@Suite("Parameter styles and explode")
struct ParameterCodingTests {
    static let document = """
        openapi: 3.1.0
        info: {title: Styles, version: "1"}
        paths: {}
        components:
          schemas:
            Colors: {type: array, items: {type: string}}
            Color: {type: object, properties: {R: {type: integer}, G: {type: integer}, B: {type: integer}}}
        """
    static let colors = JSONValue.array(["blue", "black", "brown"].map(JSONValue.string))
    static let color = JSONValue.object(
        JSONObject([
            .init("R", .number(JSONNumber(100))), .init("G", .number(JSONNumber(200))),
            .init("B", .number(JSONNumber(150))),
        ]))
    static let arrayShape = componentValidator(document, "Colors").shape
    static let objectShape = componentValidator(document, "Color").shape

    @Test(
        "path, header and cookie texts",
        arguments: [
            ("matrix", false, ";color=blue,black,brown", ";color=R,100,G,200,B,150"),
            ("matrix", true, ";color=blue;color=black;color=brown", ";R=100;G=200;B=150"),
            ("label", false, ".blue,black,brown", ".R,100,G,200,B,150"),
            ("label", true, ".blue.black.brown", ".R=100.G=200.B=150"),
            ("simple", false, "blue,black,brown", "R,100,G,200,B,150"),
            ("simple", true, "blue,black,brown", "R=100,G=200,B=150"),
        ])
    func texts(style: String, explode: Bool, array: String, object: String) {
        let coding = ParameterCoding.Style(name: "color", style: style, explode: explode)
        #expect(ParameterCoding.text(Self.colors, coding) == array)
        #expect(ParameterCoding.text(Self.color, coding) == object)
        #expect(ParameterCoding.read(text: array, coding, shape: Self.arrayShape) == Self.colors)
        #expect(ParameterCoding.read(text: object, coding, shape: Self.objectShape) == Self.color)
    }

    @Test(
        "query pairs",
        arguments: [
            ("form", false, "color=blue,black,brown", "color=R,100,G,200,B,150"),
            ("form", true, "color=blue&color=black&color=brown", "R=100&G=200&B=150"),
            ("spaceDelimited", false, "color=blue black brown", nil),
            ("pipeDelimited", false, "color=blue|black|brown", nil),
            ("deepObject", true, nil, "color[R]=100&color[G]=200&color[B]=150"),
        ] as [(String, Bool, String?, String?)])
    func pairs(style: String, explode: Bool, array: String?, object: String?) {
        let coding = ParameterCoding.Style(name: "color", style: style, explode: explode)
        func joined(_ pairs: [(name: String, value: String)]) -> String { pairs.map { "\($0.name)=\($0.value)" }.joined(separator: "&") }
        func split(_ text: String) -> [(name: String, value: String)] {
            text.split(separator: "&").map { pair in
                let parts = pair.split(separator: "=", maxSplits: 1)
                return (String(parts[0]), String(parts[1]))
            }
        }
        if let array {
            #expect(joined(ParameterCoding.pairs(Self.colors, coding)) == array)
            #expect(ParameterCoding.read(pairs: split(array), coding, shape: Self.arrayShape) == Self.colors)
        }
        if let object {
            #expect(joined(ParameterCoding.pairs(Self.color, coding)) == object)
            #expect(ParameterCoding.read(pairs: split(object), coding, shape: Self.objectShape) == Self.color)
        }
    }
}
