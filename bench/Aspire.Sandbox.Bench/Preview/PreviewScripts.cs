namespace Aspire.Sandbox.Bench.Preview;

/// <summary>The two Python programs of the preview benchmark: the same load client runs on the host (through the preview URL) and inside the sandbox (the floor).</summary>
internal static class PreviewScripts
{
    /// <summary>Runs in the sandbox: HTTP/1.1 keep-alive, a fixed 'hello' per request (asyncio, one process).</summary>
    public const string Server = """
        import asyncio, sys
        BODY = b"hello"
        RESPONSE = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\n" + BODY
        async def serve(reader, writer):
            try:
                while True:
                    head = await reader.readuntil(b"\r\n\r\n")
                    writer.write(RESPONSE)
                    await writer.drain()
            except (asyncio.IncompleteReadError, ConnectionError):
                pass
            finally:
                writer.close()
        async def main():
            server = await asyncio.start_server(serve, "127.0.0.1", int(sys.argv[1]), backlog=1024)
            async with server:
                await server.serve_forever()
        asyncio.run(main())
        """;

    /// <summary>
    /// argv: host port host-header bearer connections requests. Each connection sends its share of GETs one after another
    /// (keep-alive) and checks every answer; prints one JSON line: ok, bad, seconds, rps, p50/p99/max ms.
    /// </summary>
    public const string Load = """
        import asyncio, json, sys, time
        host, port, vhost, bearer, conns, total = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5]), int(sys.argv[6])
        auth = ("Authorization: Bearer %s\r\n" % bearer) if bearer != "-" else ""
        REQUEST = ("GET / HTTP/1.1\r\nHost: %s\r\n%s\r\n" % (vhost, auth)).encode()
        latencies, bad = [], [0]
        async def worker(n):
            reader, writer = await asyncio.open_connection(host, port)
            for _ in range(n):
                start = time.perf_counter()
                writer.write(REQUEST)
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n"):
                    if line.lower().startswith(b"content-length:"):
                        length = int(line.split(b":")[1])
                body = await reader.readexactly(length)
                latencies.append(time.perf_counter() - start)
                if not head.startswith(b"HTTP/1.1 200") or body != b"hello":
                    bad[0] += 1
            writer.close()
        async def main():
            share = [total // conns + (1 if i < total % conns else 0) for i in range(conns)]
            started = time.perf_counter()
            await asyncio.gather(*(worker(n) for n in share))
            seconds = time.perf_counter() - started
            latencies.sort()
            pick = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000
            print(json.dumps({"ok": len(latencies) - bad[0], "bad": bad[0], "seconds": seconds, "rps": len(latencies) / seconds,
                              "p50": pick(0.50), "p99": pick(0.99), "max": latencies[-1] * 1000}))
        asyncio.run(main())
        """;
}
