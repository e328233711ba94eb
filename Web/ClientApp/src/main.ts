// Aspire Sandbox browser app: start a sandbox from a template, watch it come up, then use it through
// the view its template's kind asks for: shell (commands and their output), terminal (xterm.js on a
// PTY) or agent (streamed answers with tool cards).
import { createSession, getSession, getTemplates, startRun, Template } from "./api";
import { atBottom, el, ui } from "./dom";
import { Frame, isNewer } from "./frames";
import { SessionHub } from "./hub";
import { addStep, clearError, debug, finishStep, recordFrame, resetSteps, setConnection, setStatus, showApiError, showError } from "./page";
import { createView } from "./views";
import { SessionView } from "./views/view";

// ---- state -----------------------------------------------------------------------------------

let templates: Template[] = [];
let session: { id: string; token: string; template: string } | null = null;
let hub: SessionHub | null = null;
let view: SessionView | null = null;
let lastFrameId: string | null = null;
let commandEnabled = false;
let submitting = false;
const history: string[] = [];
let historyIndex = 0;

function kindOf(template: string): string {
  return templates.find((t) => t.name === template)?.kind ?? "shell";
}

// ---- the view and the command box -------------------------------------------------------------

function showView(kind: string, fresh: boolean): void {
  view?.dispose();
  const current = session!;
  view = createView(kind, {
    host: ui.output,
    session: current,
    fresh,
    sendInput: (data) => hub?.sendInput(data),
    resize: (cols, rows) => hub?.resize(cols, rows),
    showError,
    showApiError,
  });
  ui.console.dataset.view = view.kind;
  debug.view = view.kind;
  const shown = view;
  debug.terminalText = () => shown.text();
  const box = view.commandBox;
  ui.form.hidden = box === null;
  if (box) {
    ui.prompt.textContent = box.symbol;
    ui.run.textContent = box.button;
  }
  setCommandEnabled(commandEnabled);
}

function setCommandEnabled(enabled: boolean): void {
  commandEnabled = enabled;
  const box = view?.commandBox;
  ui.input.disabled = !enabled || !box;
  ui.run.disabled = !enabled || !box || submitting;
  ui.input.placeholder = enabled && box ? box.placeholder : session ? "Waiting for the sandbox…" : "Start a sandbox first";
  if (enabled && box && document.activeElement !== ui.input) ui.input.focus();
}

// ---- frames ----------------------------------------------------------------------------------

function onFrames(batch: Frame[]): void {
  if (!Array.isArray(batch)) batch = [batch as unknown as Frame];
  const stick = atBottom(ui.output);
  for (const frame of batch) {
    if (!frame || typeof frame.id !== "string") continue;
    if (session && frame.session && frame.session !== session.id) continue;
    if (!isNewer(frame.id, lastFrameId)) continue;
    lastFrameId = frame.id;
    recordFrame(frame);
    try {
      applyFrame(frame);
      view?.frame(frame);
    } catch (e) {
      console.error("frame not applied", frame, e);
    }
  }
  if (stick) ui.output.scrollTop = ui.output.scrollHeight;
}

/** The page's own part of a frame: status badge, start-up steps, error banner. */
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
    case "error":
      showError(`Error${f.code ? ` · ${f.code}` : ""}`, [String(f.message ?? "")]);
      if (!f.run) finishStep("failed");
      return;
    case "session-ended":
      setStatus("ended");
      setCommandEnabled(false);
      showError("Session ended", [String(f.reason ?? "")]);
      return;
  }
}

// ---- session lifecycle -------------------------------------------------------------------------

const STORAGE_KEY = "aspire-sandbox.session";

/** Forgets the current session on this page (its connection, frames, steps and view). */
function resetSessionView(): void {
  hub?.stop();
  hub = null;
  view?.dispose();
  view = null;
  session = null;
  lastFrameId = null;
  debug.sessionId = null;
  debug.view = null;
  debug.lastFrameId = null;
  debug.frames = [];
  debug.terminalText = () => "";
  resetSteps();
  ui.sessionInfo.hidden = true;
  delete ui.console.dataset.view;
  ui.form.hidden = false;
  ui.output.replaceChildren(el("div", "output-empty", "Start a sandbox: what it does appears here, live."));
  setCommandEnabled(false);
}

async function attachSession(id: string, token: string, template: string, fresh: boolean): Promise<void> {
  session = { id, token, template };
  debug.sessionId = id;
  ui.sessionId.textContent = id;
  ui.sessionTemplate.textContent = template;
  if (templates.some((t) => t.name === template)) {
    ui.templateSelect.value = template; // a resumed session shows the template it runs
    describeTemplate();
  }
  ui.sessionInfo.hidden = false;
  ui.start.textContent = "Start new sandbox";
  // Survives a reload of this tab: the replay from the first frame rebuilds the page.
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ id, token, template }));
  showView(kindOf(template), fresh);

  const connection = new SessionHub(id, token, {
    frames: onFrames,
    state: setConnection,
    failed: (what, e) => showApiError(e, what),
    lastFrameId: () => lastFrameId,
  });
  hub = connection;
  await connection.start();
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
    await attachSession(created.id, created.token, created.template || template, true);
  } catch (e) {
    if (!session) setStatus("failed");
    showApiError(e, session ? "Could not connect to the live stream" : "Could not start the sandbox");
  } finally {
    ui.start.disabled = false;
  }
}

async function resumeSession(): Promise<void> {
  let saved: { id?: unknown; token?: unknown; template?: unknown } | null = null;
  try {
    saved = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? "null");
  } catch {
    /* ignore */
  }
  if (!saved || typeof saved.id !== "string" || typeof saved.token !== "string") return;
  const { id, token } = saved;
  setStatus("connecting");
  try {
    const template = typeof saved.template === "string" ? saved.template : (await getSession(id, token)).template;
    await attachSession(id, token, template, false);
  } catch {
    // Expired or deleted: start afresh rather than show a stale session.
    sessionStorage.removeItem(STORAGE_KEY);
    resetSessionView();
    ui.start.textContent = "Start sandbox";
    setStatus("none", "no session");
  }
}

async function submitCommand(): Promise<void> {
  const text = ui.input.value;
  if (!session || !view?.commandBox || !commandEnabled || submitting || !text.trim()) return;
  submitting = true;
  ui.run.disabled = true;
  clearError();
  try {
    const queued = await startRun(session.id, session.token, { prompt: text });
    view.runSubmitted(queued.runId, text);
    if (history[history.length - 1] !== text) history.push(text);
    historyIndex = history.length;
    ui.input.value = "";
    ui.output.scrollTop = ui.output.scrollHeight;
  } catch (e) {
    showApiError(e, view.kind === "agent" ? "Could not send the prompt" : "Could not run the command");
  } finally {
    submitting = false;
    ui.run.disabled = !commandEnabled;
    ui.input.focus();
  }
}

// ---- templates ---------------------------------------------------------------------------------

function fillTemplates(list: Template[]): void {
  templates = list;
  const chosen = ui.templateSelect.value;
  ui.templateSelect.replaceChildren(
    ...list.map((t) => {
      const option = el("option", undefined, t.kind && t.kind !== "shell" && t.kind !== t.name ? `${t.name} · ${t.kind}` : t.name);
      option.value = t.name;
      return option;
    }),
  );
  const keep = list.find((t) => t.name === chosen) ?? list.find((t) => t.name === "shell");
  if (keep) ui.templateSelect.value = keep.name;
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
  void submitCommand();
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
resetSessionView();
fillTemplates([{ name: "shell", description: "Loading templates…" }]);
// The templates say which view a session gets: load them before resuming one.
void getTemplates()
  .then(fillTemplates)
  .then(resumeSession);
