// Frame model of the public contract (DESIGN.md §3.1) and the small pure helpers the page needs.

export interface Frame {
  id: string;
  session: string;
  run: string | null;
  type: string;
  /** microseconds since the Unix epoch, stamped at the source */
  ts: number;
  [field: string]: unknown;
}

/** Frame as kept in window.__sandbox.frames: the frame plus the page's arrival time (Date.now() ms). */
export type RecordedFrame = Frame & { receivedAt: number };

/**
 * Compares two frame ids. Ids are Redis stream ids "ms-seq"; both parts compare numerically.
 * Anything else falls back to a length-then-lexicographic comparison (numeric strings order right).
 */
export function compareFrameIds(a: string, b: string): number {
  const pa = parseStreamId(a);
  const pb = parseStreamId(b);
  if (pa && pb) {
    if (pa[0] !== pb[0]) return pa[0] < pb[0] ? -1 : 1;
    if (pa[1] !== pb[1]) return pa[1] < pb[1] ? -1 : 1;
    return 0;
  }
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function parseStreamId(id: string): [bigint, bigint] | null {
  const m = /^(\d+)(?:-(\d+))?$/.exec(id);
  return m ? [BigInt(m[1]), BigInt(m[2] ?? "0")] : null;
}

/** True when `id` is strictly after `last` (or nothing was seen yet). */
export function isNewer(id: string, last: string | null): boolean {
  return last === null || compareFrameIds(id, last) > 0;
}

/**
 * Turns the `data` of stdout/stderr/terminal frames into text. Base64 payloads go through one
 * streaming UTF-8 decoder per stream, so a character split across two frames still comes out whole.
 */
export class OutputDecoder {
  private readonly decoders = new Map<string, TextDecoder>();

  decode(key: string, frame: Frame): string {
    const data = typeof frame.data === "string" ? frame.data : "";
    if (frame.encoding !== "base64") return data;
    let decoder = this.decoders.get(key);
    if (!decoder) {
      decoder = new TextDecoder("utf-8");
      this.decoders.set(key, decoder);
    }
    return decoder.decode(base64ToBytes(data), { stream: true });
  }
}

export function base64ToBytes(data: string): Uint8Array {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A run's argv as a person would type it (`bash -lc "x"` shows as `x`). */
export function describeCommand(command: unknown): string {
  if (Array.isArray(command)) {
    const argv = command.map(String);
    if (argv.length === 3 && /(^|\/)(ba)?sh$/.test(argv[0]) && (argv[1] === "-lc" || argv[1] === "-c")) return argv[2];
    return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(" ");
  }
  return typeof command === "string" ? command : "";
}

// CSI / OSC / single-character escape sequences: a plain output panel shows text, not colours.
const ANSI = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, "");
}

/** Human label of a start-up step id ("creating_sandbox" → "Creating sandbox"). */
export function stepLabel(step: string): string {
  const words = step.replace(/[_-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
