namespace Aspire.Sandbox.IntegrationTests.Previews;

/// <summary>
/// A small server to run in a sandbox, standard library only (the image has no WebSocket package): <c>/ws</c> echoes
/// WebSocket text messages, <c>/sse</c> streams three events 300 ms apart, anything else answers its path.
/// </summary>
public static class PreviewTestServer
{
    public const string FileName = "preview_server.py";

    public const string Source = """
        import base64, hashlib, socketserver, struct, sys, time

        GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

        class Handler(socketserver.StreamRequestHandler):
            def handle(self):
                while True:
                    line = self.rfile.readline()
                    if not line:
                        return
                    method, path, _ = line.decode().split(" ", 2)
                    headers = {}
                    while True:
                        h = self.rfile.readline().decode().strip()
                        if not h:
                            break
                        k, v = h.split(":", 1)
                        headers[k.strip().lower()] = v.strip()
                    if int(headers.get("content-length", "0")):
                        self.rfile.read(int(headers["content-length"]))
                    if path == "/ws":
                        return self.websocket(headers)
                    if path == "/sse":
                        return self.sse()
                    body = ("path=%s host=%s cookie=%s auth=%s" % (path, headers.get("host", ""), headers.get("cookie", ""), headers.get("authorization", ""))).encode()
                    self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n" % len(body) + body)

            def sse(self):
                self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n")
                for i in range(3):
                    self.wfile.write(b"data: tick %d %d\n\n" % (i, int(time.time() * 1000)))
                    self.wfile.flush()
                    time.sleep(0.3)

            def websocket(self, headers):
                accept = base64.b64encode(hashlib.sha1(headers["sec-websocket-key"].encode() + GUID).digest())
                self.wfile.write(b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + accept + b"\r\n\r\n")
                while True:
                    head = self.rfile.read(2)
                    if len(head) < 2:
                        return
                    opcode, n = head[0] & 0x0F, head[1] & 0x7F
                    if n == 126:
                        n = struct.unpack(">H", self.rfile.read(2))[0]
                    elif n == 127:
                        n = struct.unpack(">Q", self.rfile.read(8))[0]
                    mask = self.rfile.read(4)
                    data = bytes(b ^ mask[i % 4] for i, b in enumerate(self.rfile.read(n)))
                    if opcode == 8:
                        self.wfile.write(b"\x88\x00")
                        return
                    reply = b"echo:" + data
                    size = len(reply)
                    header = bytes([0x81, size]) if size < 126 else bytes([0x81, 126]) + struct.pack(">H", size)
                    self.wfile.write(header + reply)

        class Server(socketserver.ThreadingMixIn, socketserver.TCPServer):
            daemon_threads = True
            allow_reuse_address = True

        Server(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
        """;
}
