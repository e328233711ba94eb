// Viewers of the black-box benchmark (issue 14): N official SignalR JS clients (@microsoft/signalr, the package the
// browser app uses) in one Node process, each its own HubConnection to {web}/hubs/sessions with the viewer token,
// watching one session the way the browser does: Subscribe(sessionId, null), frames through the client method
// "frames". Every "T <µs> <n>" line of stdout data is logged with the time its frame arrived (same kernel clock as
// the emitter's stamp); a line split across frames counts when its last part arrives.
//
//   node viewers.mjs <web url> <session id> <viewer token> <viewers> <timeout seconds>
// stdout: {"event":"subscribed","transports":[...]} once every viewer has subscribed, then, when every viewer has
// seen a process-exit frame (or the timeout passed), {"event":"result","viewers":[{n,printUs,recvUs,...}],...}
// with the process's event-loop delay and CPU (% of one core) from subscribing to the end.
// Messages and errors of the client go to stderr.
import signalR from "@microsoft/signalr";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { LineLog, loopDelay, nowMicros } from "./lines.mjs";

const [web, sessionId, token, count, timeoutSeconds] = process.argv.slice(2);
if (!timeoutSeconds) {
  console.error("usage: node viewers.mjs <web url> <session id> <viewer token> <viewers> <timeout seconds>");
  process.exit(2);
}

function watch(index) {
  const log = new LineLog();
  const viewer = { index, log, frames: 0, messages: 0, exited: false, closed: null };
  let exit;
  viewer.exit = new Promise((resolve) => (exit = resolve));
  viewer.connection = new signalR.HubConnectionBuilder()
    .withUrl(new URL("/hubs/sessions", web).href, { accessTokenFactory: () => token })
    .configureLogging(signalR.LogLevel.Warning)
    .build();
  viewer.connection.on("frames", (batch) => {
    const at = nowMicros();
    viewer.messages++;
    for (const frame of batch) {
      viewer.frames++;
      if (frame.type === "stdout") log.add(frame.data, at, frame.ts, frame.id);
      else if (frame.type === "process-exit") {
        viewer.exited = true;
        exit();
      }
    }
  });
  viewer.connection.onclose((error) => {
    viewer.closed = String(error ?? "closed");
    exit();
  });
  return viewer;
}

const viewers = Array.from({ length: Number(count) }, (_, i) => watch(i));
await Promise.all(viewers.map((v) => v.connection.start()));
await Promise.all(viewers.map((v) => v.connection.invoke("Subscribe", sessionId, null)));
// The transport each connection ended up with (the client's own HttpConnection; WebSockets is what is expected).
const transports = viewers.map((v) => v.connection.connection?.transport?.constructor?.name ?? "unknown");
const delay = monitorEventLoopDelay({ resolution: 1 });
delay.enable();
const cpuAtStart = process.cpuUsage();
const wallAtStart = performance.now();
process.stdout.write(JSON.stringify({ event: "subscribed", transports }) + "\n");

let timer;
const timedOut = new Promise((resolve) => (timer = setTimeout(() => resolve(true), Number(timeoutSeconds) * 1000)));
const late = await Promise.race([Promise.all(viewers.map((v) => v.exit)).then(() => false), timedOut]);
clearTimeout(timer);
delay.disable();
const cpu = process.cpuUsage(cpuAtStart);
const cpuPercent = Math.round(((cpu.user + cpu.system) / 1000 / (performance.now() - wallAtStart)) * 100);
await Promise.all(viewers.map((v) => v.connection.stop().catch(() => {})));
process.stdout.write(JSON.stringify({
  event: "result",
  timedOut: late,
  loopDelay: loopDelay(delay),
  cpuPercent,
  viewers: viewers.map((v) => ({ ...v.log.toJSON(), frames: v.frames, messages: v.messages, exited: v.exited, closed: v.exited ? null : v.closed })),
}) + "\n");
