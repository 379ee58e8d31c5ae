import Testing

@testable import Execution

@Suite("The forward proxy from HTTPS_PROXY, HTTP_PROXY and NO_PROXY")
struct ProxyChoiceTests {
    static let proxied = ["HTTPS_PROXY": "http://proxy.corp:3128", "HTTP_PROXY": "http://plain.corp:8080"]

    @Test("https targets use HTTPS_PROXY, http targets HTTP_PROXY; the lower-case name first; none set: direct")
    func variables() throws {
        #expect(
            try ProxyChoice.forTarget("https://api.vendor.test/v1", environment: Self.proxied)
                == ProxyChoice(host: "proxy.corp", port: 3128, credentials: nil, isSOCKS: false, variable: "HTTPS_PROXY"))
        #expect(try ProxyChoice.forTarget("http://api.vendor.test/v1", environment: Self.proxied)?.host == "plain.corp")
        #expect(
            try ProxyChoice.forTarget("https://api.vendor.test", environment: ["https_proxy": "low:1", "HTTPS_PROXY": "high:2"])?.variable
                == "https_proxy")
        #expect(try ProxyChoice.forTarget("https://api.vendor.test", environment: ["HTTP_PROXY": "plain:1"]) == nil)
        #expect(try ProxyChoice.forTarget("https://api.vendor.test", environment: [:]) == nil)
    }

    @Test(
        "loopback targets are reached directly, whatever the variables say",
        arguments: [
            "http://localhost:8080/api", "http://127.0.0.1:9/api", "http://127.1.2.3/api", "http://[::1]:8080/api", "http://app.localhost/api",
        ])
    func loopback(url: String) throws {
        #expect(try ProxyChoice.forTarget(url, environment: ["HTTP_PROXY": "proxy:3128", "http_proxy": "proxy:3128"]) == nil)
    }

    @Test(
        "NO_PROXY names the hosts reached directly",
        arguments: [
            ("api.vendor.test", 443, "api.vendor.test", true),
            ("api.vendor.test", 443, "vendor.test", true),
            ("api.vendor.test", 443, ".vendor.test", true),
            ("api.vendor.test", 443, "*.vendor.test", true),
            ("api.vendor.test", 443, "endor.test", false),
            ("api.vendor.test", 443, "other.test, api.vendor.test", true),
            ("api.vendor.test", 443, "*", true),
            ("api.vendor.test", 443, "api.vendor.test:443", true),
            ("api.vendor.test", 443, "api.vendor.test:8443", false),
            ("10.1.2.3", 443, "10.0.0.0/8", true),
            ("11.1.2.3", 443, "10.0.0.0/8", false),
            ("10.1.2.3", 443, "10.1.2.3", true),
            ("API.Vendor.Test", 443, "api.vendor.test", true),
            ("api.vendor.test", 443, "", false),
        ])
    func noProxy(host: String, port: Int, noProxy: String, direct: Bool) {
        #expect(ProxyChoice.bypasses(host: host, port: port, noProxy: noProxy) == direct)
    }

    @Test("credentials in the proxy URL are kept for the proxy and never shown")
    func credentials() throws {
        let proxy = try #require(
            try ProxyChoice.forTarget("https://api.vendor.test", environment: ["HTTPS_PROXY": "http://ann:p%40ss@proxy.corp:3128"]))
        #expect(proxy.credentials?.user == "ann" && proxy.credentials?.password == "p@ss")
        #expect(proxy.shown == "http://[REDACTED]@proxy.corp:3128 (from HTTPS_PROXY)")
        #expect(
            try ProxyChoice.forTarget("https://api.vendor.test", environment: ["HTTPS_PROXY": "proxy.corp"])?.shown
                == "http://proxy.corp:80 (from HTTPS_PROXY)")
        #expect(
            try ProxyChoice.forTarget("https://api.vendor.test", environment: ["HTTPS_PROXY": "socks5://sock.corp"])?.shown
                == "socks5://sock.corp:1080 (from HTTPS_PROXY)")
    }

    @Test(
        "a proxy it cannot use is refused in words",
        arguments: [
            (
                "https://proxy.corp:443",
                "HTTPS_PROXY names a https:// proxy: expected http:// (the connection to the proxy itself is not encrypted; https targets are tunnelled with CONNECT) or socks5://"
            ),
            ("http://", "HTTPS_PROXY is not a proxy URL: expected http://host:port"),
            ("socks5://u:p@sock.corp", "HTTPS_PROXY: a SOCKS proxy with a user name is not supported"),
        ])
    func refused(value: String, words: String) {
        #expect(throws: ProxyChoice.Problem(description: words)) {
            try ProxyChoice.forTarget("https://api.vendor.test", environment: ["HTTPS_PROXY": value])
        }
    }
}
