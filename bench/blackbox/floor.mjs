// The floor of the black-box benchmark: the emitter run with `docker exec` in the session's own container, its
// lines read from the docker CLI's stdout as they come, timed with the same clock and parser as the viewers.
//
//   node floor.mjs <container> <rate> <seconds>
// stdout: one JSON line {"event":"result","floor":{n,printUs,recvUs,otherLines,unfinished},"exitCode":N,"loopDelay":{...}}
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { LineLog, loopDelay, nowMicros } from "./lines.mjs";

const [container, rate, seconds] = process.argv.slice(2);
if (!seconds) {
  console.error("usage: node floor.mjs <container> <rate> <seconds>");
  process.exit(2);
}
const emitter = readFileSync(new URL("./emit.py", import.meta.url), "utf8");
const log = new LineLog();
const delay = monitorEventLoopDelay({ resolution: 1 });
delay.enable();
const child = spawn("docker", ["exec", container, "python3", "-u", "-c", emitter, rate, seconds], { stdio: ["ignore", "pipe", "inherit"] });
child.stdout.setEncoding("utf8");
child.stdout.on("data", (text) => log.add(text, nowMicros()));
child.on("close", (code) => {
  delay.disable();
  process.stdout.write(JSON.stringify({ event: "result", floor: log, exitCode: code, loopDelay: loopDelay(delay) }) + "\n");
});
