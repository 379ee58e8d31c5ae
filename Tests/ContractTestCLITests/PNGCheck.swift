import Foundation

/// What a PNG shows, read by Python's standard library (zlib): an independent look at a
/// screenshot, to tell a rendered page from a blank one.
enum PNGCheck {
    struct Pixels {
        /// Share of pixels unlike the most common colour (the background).
        var drawn: Double
        var colours: Int
        /// Pixels of exactly this colour.
        var matching: Int
    }

    static func look(at png: String, colour: (Int, Int, Int)) throws -> Pixels {
        let script = """
            import sys, zlib, struct, collections
            data = open(sys.argv[1], 'rb').read()
            assert data[:8] == b'\\x89PNG\\r\\n\\x1a\\n', 'not a PNG'
            position, idat = 8, b''
            while position < len(data):
                length, kind = struct.unpack('>I4s', data[position:position + 8])
                body = data[position + 8:position + 8 + length]
                position += 12 + length
                if kind == b'IHDR':
                    width, height, depth, colour_type, _, _, interlace = struct.unpack('>IIBBBBB', body)
                elif kind == b'IDAT':
                    idat += body
            assert depth == 8 and colour_type in (2, 6) and interlace == 0, 'unexpected PNG format'
            step = 3 if colour_type == 2 else 4
            stride = width * step
            raw = zlib.decompress(idat)
            previous = bytearray(stride)
            counts = collections.Counter()
            for y in range(height):
                kind = raw[y * (stride + 1)]
                line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
                for x in range(stride):
                    a = line[x - step] if x >= step else 0
                    b = previous[x]
                    c = previous[x - step] if x >= step else 0
                    if kind == 1: line[x] = (line[x] + a) & 255
                    elif kind == 2: line[x] = (line[x] + b) & 255
                    elif kind == 3: line[x] = (line[x] + (a + b) // 2) & 255
                    elif kind == 4:
                        p = a + b - c
                        pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                        line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
                counts.update(bytes(line[x:x + 3]) for x in range(0, stride, step))
                previous = line
            total = width * height
            wanted = bytes(int(part) for part in sys.argv[2].split(','))
            print(1 - counts.most_common(1)[0][1] / total, len(counts), counts[wanted])
            """
        let output = try Browser.run(
            Browser.find("python3") ?? "/usr/bin/python3",
            ["-c", script, png, "\(colour.0),\(colour.1),\(colour.2)"])
        let fields = output.split(separator: " ").map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }
        guard fields.count == 3, let drawn = Double(fields[0]), let colours = Int(fields[1]), let matching = Int(fields[2]) else {
            throw Browser.Failure(reason: "unexpected answer from the PNG reader: \(output)")
        }
        return Pixels(drawn: drawn, colours: colours, matching: matching)
    }
}
