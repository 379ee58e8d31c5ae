import NIOSSL
import YAMLSource

/// PEM certificates, read with a failure that says why in words.
enum PEMFiles {
    static func certificates(_ path: String, role: String) throws(TransportError) -> [NIOSSLCertificate] {
        let bytes = try read(path, role: role)
        do {
            return try NIOSSLCertificate.fromPEMBytes(bytes)
        } catch {
            throw TransportError(kind: .tls, description: "cannot use the \(role) '\(path)': it is not a PEM certificate file (\(error))")
        }
    }

    static func privateKey(_ path: String, role: String) throws(TransportError) -> NIOSSLPrivateKey {
        let bytes = try read(path, role: role)
        do {
            return try NIOSSLPrivateKey(bytes: bytes, format: .pem)
        } catch {
            throw TransportError(kind: .tls, description: "cannot use the \(role) '\(path)': it is not a PEM private key (\(error))")
        }
    }

    private static func read(_ path: String, role: String) throws(TransportError) -> [UInt8] {
        do {
            return try SourceFile(contentsOf: path).bytes
        } catch {
            throw TransportError(kind: .tls, description: "\(error.message) (the \(role))")
        }
    }
}
