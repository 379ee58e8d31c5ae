import Testing

@testable import YAMLSource

@Suite("Node tree")
struct NodeTreeTests {
    @Test("every node carries its 1-based line and column")
    func marks() throws {
        let text = """
            openapi: 3.0.3
            paths:
              /pets:
                get:
                  tags: [a, b]
            """
        let root = try #require(parse(text).root)
        #expect(root.mark == Mark(file: "test.yaml", line: 1, column: 1))
        #expect(root["openapi"]?.mark.description == "test.yaml:1:10")
        let get = try #require(root["paths"]?["/pets"]?["get"])
        #expect(get.mark.description == "test.yaml:5:7")
        #expect(get["tags"]?.sequence?[1].mark.description == "test.yaml:5:17")
        let keys = root.mapping?.map(\.key.mark.description)
        #expect(keys == ["test.yaml:1:1", "test.yaml:2:1"])
    }

    @Test("columns count characters, not bytes")
    func unicodeColumns() throws {
        let root = try #require(parse("\"é\": [ü, x]\n").root)
        #expect(root["é"]?.sequence?[1].mark.column == 10)
    }

    @Test("mapping keys keep document order")
    func order() throws {
        let root = try #require(parse("z: 1\na: 2\nm: 3\n").root)
        #expect(root.mapping?.map { $0.key.scalar!.text } == ["z", "a", "m"])
    }

    @Test("anchors and aliases repeat a node, keeping the anchored node's mark")
    func aliases() throws {
        let root = try #require(parse("base: &b {x: 1, y: [2]}\ncopy: *b\n").root)
        #expect(root["copy"]?.plain == "{\"x\": 1, \"y\": [2]}")
        #expect(root["copy"]?.mark.description == "test.yaml:1:7")
    }

    @Test("merge keys: explicit keys win, earlier sources win, merged entries sit at '<<'")
    func mergeKeys() throws {
        let text = """
            a: &a {x: 1, y: 1}
            b: &b {y: 2, z: 2}
            c:
              w: 0
              <<: [*a, *b]
              x: 9
            """
        let root = try #require(parse(text).root)
        #expect(root["c"]?.plain == "{\"w\": 0, \"y\": 1, \"z\": 2, \"x\": 9}")
    }

    @Test("a quoted '<<' is an ordinary key")
    func quotedMergeKey() throws {
        let root = try #require(parse("a: &a {x: 1}\nb: {'<<': *a}\n").root)
        #expect(root["b"]?["<<"]?.plain == "{\"x\": 1}")
    }

    @Test("a merge of a scalar is an error")
    func badMerge() {
        #expect(
            messages(parse("a:\n  <<: 3\n")) == [
                "test.yaml:2:7: error: the merge key '<<' needs a mapping or a sequence of mappings, found an integer"
            ])
    }

    @Test("JSON documents load through the same parser")
    func json() throws {
        let json = parse("{\n\t\"openapi\": \"3.1.0\",\n\t\"n\": [1, 2.5, true, null, \"200\"],\"o\":{}\n}")
        let yaml = parse("openapi: '3.1.0'\nn: [1, 2.5, true, null, '200']\no: {}\n")
        #expect(json.diagnostics.isEmpty)
        let jsonRoot = try #require(json.root)
        #expect(jsonRoot.plain == yaml.root?.plain)
        #expect(jsonRoot["n"]?.sequence?[2].mark.description == "test.yaml:3:16")
        #expect(jsonRoot["n"]?.sequence?[4].scalar?.kind == .string)
    }

    @Test("JSON pointers find nodes, with ~0 and ~1 escapes")
    func pointers() throws {
        let root = try #require(parse("paths:\n  /a~b:\n    - x\n    - y\n").root)
        #expect(root.descendant(at: try #require(JSONPointer("/paths/~1a~0b/1")))?.scalar?.text == "y")
        #expect(root.descendant(at: try #require(JSONPointer("/paths/~1a~0b/01"))) == nil)
        #expect(root.descendant(at: try #require(JSONPointer("/paths/missing"))) == nil)
        #expect(JSONPointer(tokens: ["paths", "/a~b", "get"]).description == "/paths/~1a~0b/get")
        #expect(JSONPointer(fragment: "/components/schemas/A%20B")?.tokens == ["components", "schemas", "A B"])
        #expect(JSONPointer("a/b") == nil)
        #expect(JSONPointer("/a~2") == nil)
        #expect(JSONPointer("")?.tokens == [])
        #expect(JSONPointer("/a~")?.tokens == nil)
        #expect(JSONPointer("/")?.tokens == [""])
        #expect(JSONPointer("//x/")?.tokens == ["", "x", ""])
        #expect(JSONPointer("/~01/é~1ü")?.tokens == ["~1", "é/ü"])
    }
}
