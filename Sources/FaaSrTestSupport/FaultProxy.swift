import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small TCP proxy on 127.0.0.1 that misbehaves on a schedule, for fault-injection tests:
/// the n-th accepted connection gets the n-th ``Fault`` of the plan, later ones ``after``.
///
/// Plain threads and blocking sockets; one proxy serves one test.
public final class FaultProxy: @unchecked Sendable {
    /// What happens to one client connection.
    public enum Fault: Sendable, Hashable {
        /// Forward bytes both ways until either side closes.
        case pass
        /// Reset the connection (RST) as soon as it is accepted.
        case reset
        /// Forward, but reset both sides once `bytes` bytes have gone from server to client.
        case resetAfter(bytes: Int)
        /// Read the request head and answer `503 SlowDown` without contacting the server.
        case respond503
        /// Read the request head and answer `status` with `headers` and `body` (e.g. an AWS
        /// JSON error with its `x-amzn-ErrorType`) without contacting the server.
        case respond(status: Int, headers: [String: String], body: String)
        /// Read the request head; reset the connection if its request line (`PUT /b/k?partNumber=2&... HTTP/1.1`)
        /// contains `text`, otherwise forward like ``pass``. Only the connection's first request
        /// is looked at, so give the client one request per connection (AsyncHTTPClient's
        /// `maximumUsesPerConnection = 1`) to apply it to every request.
        case resetIfRequestLine(contains: String)
    }

    /// The port the proxy listens on.
    public private(set) var port: UInt16 = 0
    /// `http://127.0.0.1:PORT`.
    public var endpoint: String { "http://127.0.0.1:\(port)" }

    private let upstreamPort: UInt16
    private let plan: [Fault]
    private let after: Fault
    private let lock = NSLock()
    private var listener: Int32 = -1
    private var open: Set<Int32> = []
    private var accepted = 0
    private var stopped = false

    /// Starts a proxy in front of `127.0.0.1:upstreamPort`.
    public init(upstreamPort: UInt16, plan: [Fault], after: Fault = .pass) throws {
        self.upstreamPort = upstreamPort
        self.plan = plan
        self.after = after
        listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw ProxyError.socket(errno) }
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = Self.loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 64) == 0 else { close(listener); throw ProxyError.socket(errno) }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        port = UInt16(bigEndian: actual.sin_port)
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    /// Errors of the proxy itself.
    public enum ProxyError: Error { case socket(Int32) }

    /// How many connections were accepted so far.
    public var connectionCount: Int { lock.lock(); defer { lock.unlock() }; return accepted }

    /// Stops accepting and closes every connection.
    public func stop() {
        lock.lock()
        stopped = true
        let fds = open
        open.removeAll()
        let l = listener
        listener = -1
        lock.unlock()
        if l >= 0 { shutdown(l, Int32(SHUT_RDWR)); close(l) }
        for fd in fds { shutdown(fd, Int32(SHUT_RDWR)) }
    }

    deinit { stop() }

    // MARK: - Internals

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    private func acceptLoop() {
        while true {
            lock.lock(); let l = listener; lock.unlock()
            guard l >= 0 else { return }
            let client = accept(l, nil, nil)
            guard client >= 0 else {
                if errno == EINTR { continue }
                return
            }
            lock.lock()
            if stopped { lock.unlock(); close(client); return }
            let fault = accepted < plan.count ? plan[accepted] : after
            accepted += 1
            open.insert(client)
            lock.unlock()
            let thread = Thread { [self] in handle(client, fault) }
            thread.start()
        }
    }

    private func forget(_ fd: Int32) {
        lock.lock(); open.remove(fd); lock.unlock()
    }

    private func setLingerZero(_ fd: Int32) {
        var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
    }

    private func resetAndClose(_ fd: Int32) {
        setLingerZero(fd)
        forget(fd)
        close(fd)
    }

    /// Reads from `client` until the request head has ended (at most 1 MiB, or until the
    /// client stops): the head and whatever body bytes came with it.
    private func readHead(_ client: Int32) -> [UInt8] {
        var head = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while !head.containsHeadEnd, head.count < 1 << 20 {
            let n = read(client, &buffer, buffer.count)
            if n <= 0 { break }
            head += buffer[0..<n]
        }
        return head
    }

    /// Reads the request head, writes one answer with `Connection: close`, drains the rest.
    private func answer(_ client: Int32, status: Int, headers: [String: String], body: String) {
        _ = readHead(client)
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        let fields = headers.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)\r\n" }.joined()
        let response = "HTTP/1.1 \(status) Injected\r\n\(fields)Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)"
        _ = Array(response.utf8).withUnsafeBytes { write(client, $0.baseAddress, $0.count) }
        shutdown(client, Int32(SHUT_WR))
        // Drain what the client still sends (a request body) so closing does not reset.
        let deadline = Date().addingTimeInterval(2)
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        while Date() < deadline, read(client, &buffer, buffer.count) > 0 {}
        forget(client)
        close(client)
    }

    private func handle(_ client: Int32, _ fault: Fault) {
        switch fault {
        case .reset:
            resetAndClose(client)
        case .respond503:
            let body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>"
            answer(client, status: 503, headers: ["Content-Type": "application/xml"], body: body)
        case .respond(let status, let headers, let body):
            answer(client, status: status, headers: headers, body: body)
        case .resetIfRequestLine(let text):
            let head = readHead(client)
            let line = String(decoding: head.prefix { $0 != 13 && $0 != 10 }, as: UTF8.self)
            if line.contains(text) {
                resetAndClose(client)
            } else {
                forward(client, first: head, limit: .max)
            }
        case .pass:
            forward(client, first: [], limit: .max)
        case .resetAfter(let bytes):
            forward(client, first: [], limit: bytes)
        }
    }

    /// Connects to the server, sends `first` (bytes already read from the client), then
    /// copies both ways; resets both sides once `limit` bytes went from server to client.
    private func forward(_ client: Int32, first: [UInt8], limit: Int) {
        let upstream = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = Self.loopback(port: upstreamPort)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(upstream, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard upstream >= 0, connected == 0 else {
            if upstream >= 0 { close(upstream) }
            resetAndClose(client)
            return
        }
        lock.lock(); open.insert(upstream); lock.unlock()
        var offset = 0
        while offset < first.count {
            let w = first.withUnsafeBytes { write(upstream, $0.baseAddress! + offset, first.count - offset) }
            if w <= 0 { break }
            offset += w
        }
        let done = DispatchGroup()
        done.enter()
        let up = Thread { [self] in
            pump(from: client, to: upstream, limit: .max)
            done.leave()
        }
        up.start()
        let reset = pump(from: upstream, to: client, limit: limit)
        if reset {
            // Wake the other pump (blocked reading the client) first: a descriptor closed
            // under a blocked read sends nothing. Then close both with linger 0 (RST).
            setLingerZero(client)
            setLingerZero(upstream)
            shutdown(client, Int32(SHUT_RD))
            shutdown(upstream, Int32(SHUT_RD))
        }
        done.wait()
        forget(client); forget(upstream)
        close(client); close(upstream)
    }

    /// Copies until EOF (then half-closes `destination`) or until `limit` bytes went through
    /// (then returns true: the caller resets the connection).
    @discardableResult
    private func pump(from source: Int32, to destination: Int32, limit: Int) -> Bool {
        let size = 64 * 1024
        var buffer = [UInt8](repeating: 0, count: size)
        var sent = 0
        while true {
            let n = read(source, &buffer, size)
            if n <= 0 {
                shutdown(destination, Int32(SHUT_WR))
                return false
            }
            let allowed = min(n, limit - sent)
            var offset = 0
            while offset < allowed {
                let w = buffer.withUnsafeBytes { write(destination, $0.baseAddress! + offset, allowed - offset) }
                if w <= 0 { shutdown(source, Int32(SHUT_RD)); return false }
                offset += w
            }
            sent += allowed
            if sent >= limit { return true }
        }
    }
}

private extension Array where Element == UInt8 {
    var containsHeadEnd: Bool {
        guard count >= 4 else { return false }
        for i in 0...(count - 4) where self[i] == 13 && self[i + 1] == 10 && self[i + 2] == 13 && self[i + 3] == 10 {
            return true
        }
        return false
    }
}
