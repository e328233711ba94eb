# The preview relay: runs inside a sandbox (which has no network), listens on a Unix socket in a directory the
# worker bind-mounted, and joins each connection to a port on the sandbox's own loopback. Protocol: the worker
# sends the port as one ASCII line; the relay answers "OK" and then copies bytes both ways until both sides end,
# or "ERR <reason>" and closes. One process per sandbox serves every port, so exposing a port later needs no
# new process. Started by the worker (Worker/Previews/PreviewRelay.cs) as a user other than the sandbox's.
import asyncio
import os
import socket
import sys

CHUNK = 256 * 1024


async def copy(reader, writer):
    try:
        while True:
            data = await reader.read(CHUNK)
            if not data:
                break
            writer.write(data)
            await writer.drain()
        if writer.can_write_eof():
            writer.write_eof()
    except (ConnectionError, OSError):
        pass


async def open_loopback(port):
    # Dev servers bind 127.0.0.1 or ::1 ("localhost"); try both.
    error = None
    for host in ("127.0.0.1", "::1"):
        try:
            return await asyncio.open_connection(host, port)
        except OSError as e:
            error = e
    raise error


async def serve(client_reader, client_writer):
    upstream_writer = None
    try:
        line = await asyncio.wait_for(client_reader.readline(), 10)
        port = int(line.strip() or b"0")
        if not 0 < port < 65536:
            raise ValueError("port out of range")
        try:
            upstream_reader, upstream_writer = await open_loopback(port)
        except OSError as e:
            client_writer.write(b"ERR nothing listens on port %d (%s)\n" % (port, (e.strerror or "refused").encode()))
            await client_writer.drain()
            return
        upstream_writer.get_extra_info("socket").setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        client_writer.write(b"OK\n")
        await client_writer.drain()
        await asyncio.gather(copy(client_reader, upstream_writer), copy(upstream_reader, client_writer))
    except (ValueError, asyncio.TimeoutError, ConnectionError, OSError):
        pass
    finally:
        for w in (client_writer, upstream_writer):
            if w is not None:
                w.close()


async def main(path):
    # A socket left by an earlier run (the sandbox slept) is replaced.
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    old = os.umask(0o177)
    server = await asyncio.start_unix_server(serve, path=path, backlog=1024, limit=CHUNK)
    os.umask(old)
    async with server:
        await server.serve_forever()


asyncio.run(main(sys.argv[1]))
