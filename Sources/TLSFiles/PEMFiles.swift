import NIOSSL
import YAMLSource

/// PEM certificates and keys read from files, for every side that speaks TLS (the runner's
/// client, the mock's server), with one failure that says why in words.
public enum PEMFiles {
    /// Why a PEM file cannot be used; `description` names the file and its role.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        /// The file, its role, and what is wrong with it.
        public var description: String
    }

    /// The certificates in `path` (a chain, or several CAs); `role` names it in a failure
    /// ("CA certificate").
    public static func certificates(_ path: String, role: String) throws(Problem) -> [NIOSSLCertificate] {
        let bytes = try read(path, role: role)
        do {
            return try NIOSSLCertificate.fromPEMBytes(bytes)
        } catch {
            throw Problem(description: "cannot use the \(role) '\(path)': it is not a PEM certificate file (\(error))")
        }
    }

    /// The private key in `path`.
    public static func privateKey(_ path: String, role: String) throws(Problem) -> NIOSSLPrivateKey {
        let bytes = try read(path, role: role)
        do {
            return try NIOSSLPrivateKey(bytes: bytes, format: .pem)
        } catch {
            throw Problem(description: "cannot use the \(role) '\(path)': it is not a PEM private key (\(error))")
        }
    }

    private static func read(_ path: String, role: String) throws(Problem) -> [UInt8] {
        do {
            return try SourceFile(contentsOf: path).bytes
        } catch {
            throw Problem(description: "\(error.message) (the \(role))")
        }
    }
}
