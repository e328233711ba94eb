// Aspire Sandbox browser app: start a sandbox, watch it come up, run commands, stream their output.
import { HubConnection, HubConnectionBuilder, HubConnectionState, LogLevel } from "@microsoft/signalr";
import { ApiError, createSession, getTemplates, startRun, Template } from "./api";
import { Frame, OutputDecoder, RecordedFrame, isNewer, stepLabel, stripAnsi } from "./frames";

interface SandboxDebug {
  sessionId: string | null;
  lastFrameId: string | null;
  /** every accepted frame, in order, each with `receivedAt` (Date.now() on arrival) */
  frames: RecordedFrame[];
  connection: string;
}

const MAX_DEBUG_FRAMES = 20000;
const debug: SandboxDebug = { sessionId: null, lastFrameId: null, frames: [], connection: "offline" };
(window as unknown as { __sandbox: SandboxDebug }).__sandbox = debug;

// ---- DOM -------------------------------------------------------------------------------------

function byTestId<T extends HTMLElement>(id: string): T {
  const el = document.querySelector<T>(`[data-testid="${id}"]`);
  if (!el) throw new Error(`missing element data-testid=${id}`);
  return el;
}

const ui = {
  templateSelect: byTestId<HTMLSelectElement>("template-select"),
  templateDesc: byTestId<HTMLElement>("template-description"),
  start: byTestId<HTMLButtonElement>("start-session"),
  sessionInfo: byTestId<HTMLElement>("session-info"),
  sessionId: byTestId<HTMLElement>("session-id"),
  status: byTestId<HTMLElement>("session-status"),
  connection: byTestId<HTMLElement>("connection-status"),
  steps: byTestId<HTMLOListElement>("progress-steps"),
  error: byTestId<HTMLElement>("error"),
  output: byTestId<HTMLElement>("output"),
  form: byTestId<HTMLFormElement>("command-form"),
  input: byTestId<HTMLInputElement>("command-input"),
  run: byTestId<HTMLButtonElement>("run-command"),
};

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// ---- state -----------------------------------------------------------------------------------

let templates: Template[] = [];
let session: { id: string; token: string } | null = null;
let connection: HubConnection | null = null;
let lastFrameId: string | null = null;
let commandEnabled = false;
let submitting = false;
let decoder = new OutputDecoder();
const runs = new Map<string, RunView>();
const history: string[] = [];
let historyIndex = 0;

// ---- status, errors, command box --------------------------------------------------------------

function setStatus(state: string, label = state): void {
  ui.status.dataset.state = state;
  ui.status.textContent = label;
}

function setConnection(state: string): void {
  debug.connection = state;
  ui.connection.dataset.state = state;
  ui.connection.textContent = state;
}

/** Runs a layout change (the error banner takes room from the output) without losing the bottom. */
function keepingOutputBottom(change: () => void): void {
  const out = ui.output;
  const stick = out.scrollHeight - out.scrollTop - out.clientHeight < 48;
  change();
  if (stick) out.scrollTop = out.scrollHeight;
}

function showError(title: string, lines: string[] = []): void {
  keepingOutputBottom(() => fillError(title, lines));
}

function fillError(title: string, lines: string[]): void {
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
}

function showApiError(e: unknown, what: string): void {
  if (e instanceof ApiError) {
    showError(`${what}: ${e.title}`, [e.detail ?? "", ...e.fieldMessages()]);
  } else {
    showError(what, [e instanceof Error ? e.message : String(e)]);
  }
}

function clearError(): void {
  if (ui.error.hidden) return;
  keepingOutputBottom(() => {
    ui.error.hidden = true;
    ui.error.replaceChildren();
  });
}

function setCommandEnabled(enabled: boolean): void {
  commandEnabled = enabled;
  ui.input.disabled = !enabled;
  ui.run.disabled = !enabled || submitting;
  ui.input.placeholder = enabled
    ? "Type a command, e.g. ls -la, and press Enter"
    : session
      ? "Waiting for the sandbox…"
      : "Start a sandbox first";
  if (enabled && document.activeElement !== ui.input) ui.input.focus();
}

// ---- start-up steps ----------------------------------------------------------------------------

let lastStep: { li: HTMLLIElement; ts: number } | null = null;

function finishStep(state: "done" | "failed", ts?: number): void {
  if (!lastStep) return;
  lastStep.li.dataset.state = state;
  if (ts !== undefined && ts >= lastStep.ts) {
    lastStep.li.querySelector(".step-time")!.textContent = formatDuration(ts - lastStep.ts);
  }
}

function addStep(frame: Frame): void {
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

function formatDuration(micros: number): string {
  const ms = micros / 1000;
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10000 ? 2 : 1)} s`;
}

// ---- runs and output -------------------------------------------------------------------------

class RunView {
  readonly root = el("section", "run");
  private readonly command = el("span", "run-command");
  private readonly chip = el("span", "run-chip");
  private readonly body = el("pre", "run-output");
  private startedTs: number | null = null;
  private ended = false;

  constructor(readonly runId: string) {
    this.root.dataset.run = runId;
    const head = el("header", "run-head");
    head.append(el("span", "run-prompt", "$"), this.command, this.chip);
    this.root.append(head, this.body);
    this.setChip("queued", "queued");
  }

  setCommand(text: string): void {
    if (text) this.command.textContent = text;
  }

  hasCommand(): boolean {
    return !!this.command.textContent;
  }

  queued(position: unknown): void {
    if (this.startedTs !== null || this.ended) return;
    this.setChip("queued", typeof position === "number" && position > 0 ? `queued · #${position}` : "queued");
  }

  started(ts: number): void {
    this.startedTs = ts;
    if (!this.ended) this.setChip("running", "running");
  }

  append(cls: "out-stdout" | "out-stderr" | "out-info", text: string): void {
    if (!text) return;
    // One node per frame, appended the moment the frame arrives.
    this.body.append(el("span", cls, text));
  }

  exited(frame: Frame): void {
    this.ended = true;
    const code = frame.exitCode;
    const reason = typeof frame.reason === "string" ? frame.reason : "exited";
    const ok = code === 0;
    const line = el("div", `run-exit ${ok ? "ok" : "fail"}`);
    const codeEl = el("span", "exit-code", code === null || code === undefined ? `killed${frame.signal ? ` (${frame.signal})` : ""}` : `exit ${code}`);
    codeEl.dataset.testid = "exit-code";
    codeEl.dataset.exitCode = code === null || code === undefined ? "" : String(code);
    line.append(codeEl);
    const meta: string[] = [];
    if (reason !== "exited") meta.push(reason);
    if (this.startedTs !== null && frame.ts >= this.startedTs) meta.push(formatDuration(frame.ts - this.startedTs));
    if (meta.length) line.append(el("span", "exit-meta", meta.join(" · ")));
    this.root.append(line);
    this.setChip(ok ? "ok" : "fail", ok ? "done" : reason === "exited" ? `exit ${code}` : reason);
  }

  private setChip(state: string, text: string): void {
    this.chip.dataset.state = state;
    this.chip.textContent = text;
  }
}

function runView(runId: string): RunView {
  let view = runs.get(runId);
  if (!view) {
    view = new RunView(runId);
    runs.set(runId, view);
    ui.output.querySelector(".output-empty")?.remove();
    ui.output.append(view.root);
  }
  return view;
}

function describeCommand(command: unknown): string {
  if (Array.isArray(command)) {
    const argv = command.map(String);
    if (argv.length === 3 && /(^|\/)(ba)?sh$/.test(argv[0]) && (argv[1] === "-lc" || argv[1] === "-c")) return argv[2];
    return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(" ");
  }
  return typeof command === "string" ? command : "";
}

// ---- frames ----------------------------------------------------------------------------------

function onFrames(batch: Frame[]): void {
  if (!Array.isArray(batch)) batch = [batch as unknown as Frame];
  const out = ui.output;
  const stick = out.scrollHeight - out.scrollTop - out.clientHeight < 48;
  for (const frame of batch) {
    if (!frame || typeof frame.id !== "string") continue;
    if (session && frame.session && frame.session !== session.id) continue;
    if (!isNewer(frame.id, lastFrameId)) continue;
    lastFrameId = frame.id;
    debug.lastFrameId = frame.id;
    debug.frames.push({ ...frame, receivedAt: Date.now() });
    if (debug.frames.length > MAX_DEBUG_FRAMES) debug.frames.splice(0, debug.frames.length - MAX_DEBUG_FRAMES);
    try {
      applyFrame(frame);
    } catch (e) {
      console.error("frame not applied", frame, e);
    }
  }
  if (stick) out.scrollTop = out.scrollHeight;
}

function applyFrame(f: Frame): void {
  switch (f.type) {
    case "progress":
      addStep(f);
      if (ui.status.dataset.state === "creating") setStatus("starting");
      return;
    case "ready":
      finishStep("done", f.ts);
      setStatus("ready");
      setCommandEnabled(true);
      return;
    case "status": {
      const state = String(f.state ?? "");
      setStatus(state);
      if (state === "failed") finishStep("failed");
      if (["ready", "running", "idle", "sleeping"].includes(state)) setCommandEnabled(true);
      if (state === "stopped" || state === "failed") setCommandEnabled(false);
      return;
    }
    case "error": {
      const message = String(f.message ?? "");
      showError(`Error${f.code ? ` · ${f.code}` : ""}`, [message]);
      if (f.run) runView(f.run).append("out-stderr", `${message}\n`);
      else finishStep("failed");
      return;
    }
    case "session-ended":
      setStatus("ended");
      setCommandEnabled(false);
      showError("Session ended", [String(f.reason ?? "")]);
      return;
  }

  if (!f.run) return;
  const view = runView(f.run);
  switch (f.type) {
    case "run-queued":
      view.queued(f.position);
      return;
    case "run-started":
      if (!view.hasCommand()) view.setCommand(describeCommand(f.command));
      view.started(f.ts);
      return;
    case "stdout":
    case "stderr":
    case "terminal":
      view.append(f.type === "stderr" ? "out-stderr" : "out-stdout", stripAnsi(decoder.decode(`${f.run}:${f.type}`, f)));
      return;
    case "text-delta":
      view.append("out-stdout", String(f.text ?? ""));
      return;
    case "tool-start":
      view.append("out-info", `\n⚙ ${String(f.name ?? "tool")} ${JSON.stringify(f.input ?? {})}\n`);
      return;
    case "tool-result":
      view.append(f.isError ? "out-stderr" : "out-info", `${typeof f.output === "string" ? f.output : JSON.stringify(f.output)}\n`);
      return;
    case "process-exit":
      view.exited(f);
      return;
  }
}

// ---- hub -------------------------------------------------------------------------------------

async function connect(sessionId: string, token: string): Promise<void> {
  const hub = new HubConnectionBuilder()
    .withUrl("/hubs/sessions", { accessTokenFactory: () => token })
    // Never give up: 0, 1, 2, 4, 8 s, then every 10 s. Subscribe(lastId) on reconnect loses nothing.
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => Math.min(10000, ctx.previousRetryCount === 0 ? 0 : 1000 * 2 ** (ctx.previousRetryCount - 1)) })
    .configureLogging(LogLevel.Warning)
    .build();
  connection = hub;

  hub.on("frames", (batch: Frame[]) => onFrames(batch));
  hub.onreconnecting(() => setConnection("reconnecting"));
  hub.onreconnected(async () => {
    setConnection("live");
    try {
      await hub.invoke("Subscribe", sessionId, lastFrameId);
    } catch (e) {
      showApiError(e, "Could not resubscribe");
    }
  });
  hub.onclose((e) => {
    if (connection !== hub) return;
    setConnection("offline");
    if (e) showError("Connection lost", [e.message]);
  });

  setConnection("connecting");
  await hub.start();
  setConnection("live");
  await hub.invoke("Subscribe", sessionId, lastFrameId);
}

// ---- actions ---------------------------------------------------------------------------------

const STORAGE_KEY = "aspire-sandbox.session";

/** Forgets the current session on this page (its connection, frames, steps and output). */
function resetSessionView(): void {
  const old = connection;
  connection = null;
  if (old && old.state !== HubConnectionState.Disconnected) void old.stop();
  session = null;
  lastFrameId = null;
  decoder = new OutputDecoder();
  runs.clear();
  lastStep = null;
  debug.sessionId = null;
  debug.lastFrameId = null;
  debug.frames = [];
  ui.steps.replaceChildren();
  ui.sessionInfo.hidden = true;
  resetOutput();
  setCommandEnabled(false);
}

function attachSession(id: string, token: string): Promise<void> {
  session = { id, token };
  debug.sessionId = id;
  ui.sessionId.textContent = id;
  ui.sessionInfo.hidden = false;
  ui.start.textContent = "Start new sandbox";
  // Survives a reload of this tab: the replay from the first frame rebuilds the page.
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ id, token }));
  return connect(id, token);
}

async function startSession(): Promise<void> {
  const template = ui.templateSelect.value || "shell";
  clearError();
  ui.start.disabled = true;
  resetSessionView(); // a new session replaces the current one on this page
  sessionStorage.removeItem(STORAGE_KEY);
  setStatus("creating");
  try {
    const created = await createSession(template);
    if (ui.status.dataset.state === "creating") setStatus(created.status || "starting");
    await attachSession(created.id, created.token);
  } catch (e) {
    if (!session) setStatus("failed");
    showApiError(e, session ? "Could not connect to the live stream" : "Could not start the sandbox");
  } finally {
    ui.start.disabled = false;
  }
}

async function resumeSession(): Promise<void> {
  let saved: { id?: unknown; token?: unknown } | null = null;
  try {
    saved = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? "null");
  } catch {
    /* ignore */
  }
  if (!saved || typeof saved.id !== "string" || typeof saved.token !== "string") return;
  setStatus("connecting");
  try {
    await attachSession(saved.id, saved.token);
  } catch {
    // Expired or deleted: start afresh rather than show a stale session.
    sessionStorage.removeItem(STORAGE_KEY);
    resetSessionView();
    ui.start.textContent = "Start sandbox";
    setStatus("none", "no session");
  }
}

async function runCommand(): Promise<void> {
  const prompt = ui.input.value;
  if (!session || !commandEnabled || submitting || !prompt.trim()) return;
  submitting = true;
  ui.run.disabled = true;
  clearError();
  try {
    const queued = await startRun(session.id, session.token, prompt);
    const view = runView(queued.runId);
    view.setCommand(prompt);
    if (history[history.length - 1] !== prompt) history.push(prompt);
    historyIndex = history.length;
    ui.input.value = "";
    ui.output.scrollTop = ui.output.scrollHeight;
  } catch (e) {
    showApiError(e, "Could not run the command");
  } finally {
    submitting = false;
    ui.run.disabled = !commandEnabled;
    ui.input.focus();
  }
}

function resetOutput(): void {
  ui.output.replaceChildren(el("div", "output-empty", "Output of your commands appears here, live."));
}

function fillTemplates(list: Template[]): void {
  templates = list;
  ui.templateSelect.replaceChildren(
    ...list.map((t) => {
      const option = el("option", undefined, t.name);
      option.value = t.name;
      return option;
    }),
  );
  const shell = list.find((t) => t.name === "shell");
  if (shell) ui.templateSelect.value = shell.name;
  describeTemplate();
}

function describeTemplate(): void {
  const t = templates.find((x) => x.name === ui.templateSelect.value);
  ui.templateDesc.textContent = t?.description ?? "";
}

// ---- wiring ----------------------------------------------------------------------------------

ui.templateSelect.addEventListener("change", describeTemplate);
ui.start.addEventListener("click", () => void startSession());
ui.form.addEventListener("submit", (e) => {
  e.preventDefault();
  void runCommand();
});
ui.input.addEventListener("keydown", (e) => {
  if (e.key === "ArrowUp" && historyIndex > 0) {
    ui.input.value = history[--historyIndex];
    e.preventDefault();
  } else if (e.key === "ArrowDown" && historyIndex < history.length) {
    historyIndex++;
    ui.input.value = history[historyIndex] ?? "";
    e.preventDefault();
  }
});

setStatus("none", "no session");
setConnection("offline");
setCommandEnabled(false);
resetOutput();
fillTemplates([{ name: "shell", description: "Loading templates…" }]);
void getTemplates().then(fillTemplates);
void resumeSession();
