// The page around the session view: status badge, connection dot, error banner, start-up steps,
// and the test/debug hook window.__sandbox.
import { ApiError } from "./api";
import { el, formatDuration, keepingOutputBottom, ui } from "./dom";
import { Frame, OutputDecoder, RecordedFrame, stepLabel, stripAnsi } from "./frames";

export interface SandboxDebug {
  sessionId: string | null;
  /** the kind of view showing the session: shell, terminal or agent */
  view: string | null;
  lastFrameId: string | null;
  /** every accepted frame, in order, each with `receivedAt` (Date.now() on arrival) */
  frames: RecordedFrame[];
  connection: string;
  /** the terminal's text (the xterm buffer, scrollback included), "" without a terminal */
  terminalText: () => string;
  /** invokes a hub method on the page's connection: tests use it to check what the server refuses */
  hub: (method: string, ...args: unknown[]) => Promise<unknown>;
  /** history pages read for the session shown, and whether older ones are left */
  history: () => { pages: number; hasOlder: boolean };
}

export const debug: SandboxDebug = {
  sessionId: null,
  view: null,
  lastFrameId: null,
  frames: [],
  connection: "offline",
  terminalText: () => "",
  hub: () => Promise.reject(new Error("no connection")),
  history: () => ({ pages: 0, hasOlder: false }),
};
(window as unknown as { __sandbox: SandboxDebug }).__sandbox = debug;

const MAX_DEBUG_FRAMES = 20000;

export function recordFrame(frame: Frame): void {
  debug.lastFrameId = frame.id;
  debug.frames.push({ ...frame, receivedAt: Date.now() });
  if (debug.frames.length > MAX_DEBUG_FRAMES) debug.frames.splice(0, debug.frames.length - MAX_DEBUG_FRAMES);
}

// ---- status and connection ---------------------------------------------------------------------

export function setStatus(state: string, label = state): void {
  ui.status.dataset.state = state;
  ui.status.textContent = label;
}

export function setConnection(state: string): void {
  debug.connection = state;
  ui.connection.dataset.state = state;
  ui.connection.textContent = state;
}

// ---- error banner ------------------------------------------------------------------------------

export function showError(title: string, lines: string[] = []): void {
  keepingOutputBottom(() => {
    ui.error.replaceChildren();
    const head = el("div", "error-title");
    head.append(el("strong", undefined, title));
    const close = el("button", "error-close", "×");
    close.type = "button";
    close.title = "Dismiss";
    close.addEventListener("click", clearError);
    head.append(close);
    ui.error.append(head);
    for (const line of lines.filter(Boolean)) ui.error.append(el("div", "error-line", line));
    ui.error.hidden = false;
  });
}

export function showApiError(e: unknown, what: string): void {
  if (e instanceof ApiError) {
    showError(`${what}: ${e.title}`, [e.detail ?? "", ...e.fieldMessages()]);
  } else {
    showError(what, [e instanceof Error ? e.message : String(e)]);
  }
}

export function clearError(): void {
  if (ui.error.hidden) return;
  keepingOutputBottom(() => {
    ui.error.hidden = true;
    ui.error.replaceChildren();
  });
}

// ---- start-up steps ----------------------------------------------------------------------------

let lastStep: { li: HTMLLIElement; ts: number } | null = null;
let stepDecoder = new OutputDecoder();
/** What a step's output may take on the page: its tail is what says why it failed. */
const MAX_STEP_OUTPUT = 4000;

export function finishStep(state: "done" | "failed", ts?: number): void {
  if (!lastStep) return;
  lastStep.li.dataset.state = state;
  if (ts !== undefined && ts >= lastStep.ts) {
    lastStep.li.querySelector(".step-time")!.textContent = formatDuration(ts - lastStep.ts);
  }
}

export function addStep(frame: Frame): void {
  const step = String(frame.step ?? "step");
  finishStep("done", frame.ts);
  const li = el("li", "step");
  li.dataset.step = step;
  li.dataset.state = "active";
  li.append(el("span", "step-icon"));
  const body = el("div", "step-body");
  body.append(el("span", "step-name", stepLabel(step)));
  if (frame.message) body.append(el("span", "step-message", String(frame.message)));
  li.append(body, el("span", "step-time"));
  ui.steps.append(li);
  lastStep = { li, ts: frame.ts };
}

/** Output of the sandbox outside any run (a failed setup command's tail), shown under the step it belongs to. */
export function stepOutput(frame: Frame): void {
  if (!lastStep) return;
  const text = stripAnsi(stepDecoder.decode(String(frame.type), frame));
  if (!text) return;
  let pre = lastStep.li.querySelector<HTMLPreElement>(".step-output");
  if (!pre) {
    pre = el("pre", "step-output");
    pre.dataset.testid = "step-output";
    lastStep.li.querySelector(".step-body")!.append(pre);
  }
  const all = (pre.textContent ?? "") + text;
  pre.textContent = all.length > MAX_STEP_OUTPUT ? "…" + all.slice(all.length - MAX_STEP_OUTPUT) : all;
}

export function resetSteps(): void {
  lastStep = null;
  stepDecoder = new OutputDecoder();
  ui.steps.replaceChildren();
}
