// What every reader of the emitter's output shares: the clock and the line log.

/** Now in microseconds since the Unix epoch: CLOCK_REALTIME at the process's start plus monotonic time since. */
export const nowMicros = () => Math.round((performance.timeOrigin + performance.now()) * 1000);

/** The "T <µs> <n>" lines one reader got, in arrival order, with when each was complete; text may split lines anywhere. */
export class LineLog {
  n = [];
  printUs = [];
  recvUs = [];
  /** the frame's ts (the worker's read time) of each line's last part; 0 where the reader has none */
  tsUs = [];
  /** the millisecond part of the frame's stream id (Redis's clock when the worker's append ran); 0 where unknown */
  appendMs = [];
  otherLines = 0;
  #rest = "";

  add(text, recvUs, tsUs = null, streamId = null) {
    const appendMs = streamId === null ? 0 : Number(String(streamId).split("-")[0]);
    const lines = (this.#rest + text).split("\n");
    this.#rest = lines.pop();
    for (const line of lines) {
      const m = /^T (\d+) (\d+)$/.exec(line);
      if (m === null) {
        this.otherLines++;
        continue;
      }
      this.printUs.push(Number(m[1]));
      this.n.push(Number(m[2]));
      this.recvUs.push(recvUs);
      this.tsUs.push(tsUs ?? 0);
      this.appendMs.push(appendMs);
    }
  }

  toJSON() {
    return {
      n: this.n,
      printUs: this.printUs,
      recvUs: this.recvUs,
      tsUs: this.tsUs.some((ts) => ts !== 0) ? this.tsUs : null,
      appendMs: this.appendMs.some((ms) => ms !== 0) ? this.appendMs : null,
      otherLines: this.otherLines,
      unfinished: this.#rest.length,
    };
  }
}

/** How late this process's event loop ran timers while it read (what the reader itself added), in ms. */
export function loopDelay(histogram) {
  const ms = (ns) => Math.round(ns / 1e3) / 1e3;
  return { p50Ms: ms(histogram.percentile(50)), p99Ms: ms(histogram.percentile(99)), maxMs: ms(histogram.max) };
}
