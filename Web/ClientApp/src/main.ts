// Aspire Sandbox browser app: start a sandbox from a template, watch it come up, then use it through
// the view its template's kind asks for: shell (commands and their output), terminal (xterm.js on a
// PTY) or agent (streamed answers with tool cards).
import { createSession, deleteSession, getAccess, getMe, getSession, signIn, signOut, getTemplates, startRun, stopRun, Template, WorkspaceFile } from "./api";
import { FilePicker } from "./files";
import { SessionsList } from "./sessionsList";
import { atBottom, el, ui } from "./dom";
import { Frame, isNewer } from "./frames";
import { SessionHistory } from "./history";
import { SessionHub } from "./hub";
import { clearPreviewLinks, showPreviewLinks } from "./previews";
import { addStep, clearError, debug, finishStep, recordFrame, resetSteps, setConnection, setStatus, showApiError, showError, stepOutput } from "./page";
import { createView } from "./views";
import { SessionView } from "./views/view";

// ---- state -----------------------------------------------------------------------------------

let templates: Template[] = [];
let session: { id: string; token: string; template: string; readOnly: boolean } | null = null;
/** what the last sandbox this page started was made of, for Retry */
let lastCreate: { template: string; files: WorkspaceFile[] } | null = null;
const readOnly = viewerToken() !== null;
let hub: SessionHub | null = null;
let view: SessionView | null = null;
let lastFrameId: string | null = null;
/** A reopened session's history pages (null: none shown). */
let sessionHistory: SessionHistory | null = null;
/** Every frame the view was given, in order: a view is rebuilt from them with an older page in front. */
let shown: Frame[] = [];
/** Past this many frames kept, the oldest are let go (they can be read again by scrolling back). */
const MAX_SHOWN = 50_000;
/** Session states in which the command box takes input. */
const LIVE_STATES = ["ready", "running", "idle", "sleeping"];
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
    readOnly: current.readOnly,
    sendInput: (data) => hub?.sendInput(data),
    stopRun: (runId) => {
      stopRun(current.id, current.token, runId).catch((e) => showApiError(e, "Could not stop the run"));
    },
    resize: (cols, rows) => hub?.resize(cols, rows),
    loadOlder: () => void loadOlder(),
    showError,
    showApiError,
  });
  ui.console.dataset.view = view.kind;
  debug.view = view.kind;
  const shown = view;
  debug.terminalText = () => shown.text();
  const box = view.commandBox;
  ui.form.hidden = box === null || current.readOnly;
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
  ui.input.placeholder = enabled && box ? box.placeholder : session ? idleReason() : "Start a sandbox first";
  if (enabled && box && document.activeElement !== ui.input) ui.input.focus();
}

/** Why the command box takes nothing now, from the session's state. */
function idleReason(): string {
  const state = ui.status.dataset.state ?? "";
  if (state === "failed") return "The sandbox did not start: Retry (start-up, left) or start a new one";
  if (["ended", "stopped", "deleted", "expired"].includes(state)) return "This session has ended: its history stays readable";
  return "Waiting for the sandbox…";
}

/** Offers Retry after a failed start-up, and brings it into view: the start-up card may be below the fold. */
function offerRetry(): void {
  finishStep("failed");
  if (!ui.retry.hidden) return;
  ui.retry.hidden = false;
  ui.retry.scrollIntoView({ block: "nearest" });
}

// ---- frames ----------------------------------------------------------------------------------

function onFrames(batch: Frame[]): void {
  if (!Array.isArray(batch)) batch = [batch as unknown as Frame];
  const stick = atBottom(ui.output);
  showFrames(batch);
  if (shown.length > MAX_SHOWN) {
    shown = shown.slice(shown.length - MAX_SHOWN / 2);
    sessionHistory?.forgetBefore(shown[0].id);
  }
  if (stick) ui.output.scrollTop = ui.output.scrollHeight;
}

/** Hands frames newer than the last one shown to the page and the view, in order; anything else is a duplicate. */
function showFrames(batch: Frame[]): void {
  for (const frame of batch) {
    if (!frame || typeof frame.id !== "string") continue;
    if (session && frame.session && frame.session !== session.id) continue;
    if (!isNewer(frame.id, lastFrameId)) continue;
    lastFrameId = frame.id;
    shown.push(frame);
    recordFrame(frame);
    try {
      applyFrame(frame);
      view?.frame(frame);
    } catch (e) {
      console.error("frame not applied", frame, e);
    }
  }
}

/** The start-up card says when its steps are in history not read yet, rather than "nothing started". */
function noteHistory(pager: SessionHistory): void {
  if (pager.hasOlder) ui.steps.dataset.partial = "";
  else delete ui.steps.dataset.partial;
}

/**
 * The page before the oldest frame shown, when the reader scrolls back to it. The view is rebuilt from that page and
 * everything shown since (views draw in stream order: a terminal cannot put bytes before others), the status it had
 * is kept (older frames say nothing newer), and the reader stays where they were.
 */
async function loadOlder(): Promise<void> {
  const pager = sessionHistory;
  if (!pager || !view || !pager.hasOlder) return;
  let older: Frame[] | null;
  try {
    older = await pager.older();
  } catch (e) {
    showApiError(e, "Could not load earlier history");
    return;
  }
  if (!older || sessionHistory !== pager || !session || !view) return;
  if (older.length > 0) {
    const distance = view.distanceFromEnd();
    const state = ui.status.dataset.state ?? "none";
    const label = ui.status.textContent ?? state;
    const enabled = commandEnabled;
    const frames = older.concat(shown);
    shown = [];
    lastFrameId = null;
    debug.frames = [];
    resetSteps();
    showView(kindOf(session.template), false);
    showFrames(frames);
    setStatus(state, label);
    setCommandEnabled(enabled);
    view.restoreDistanceFromEnd(distance);
  }
  noteHistory(pager);
  // Still at the start (a short page, a tall window): read on.
  if (view.atStart() && pager.hasOlder) void loadOlder();
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
      if (session) showPreviewLinks(ui.sessionInfo, session.id, session.token, f.previews);
      setStatus("ready");
      setCommandEnabled(true);
      return;
    case "status": {
      const state = String(f.state ?? "");
      setStatus(state);
      if (state === "failed") offerRetry();
      if (LIVE_STATES.includes(state)) setCommandEnabled(true);
      if (state === "stopped" || state === "failed") setCommandEnabled(false);
      return;
    }
    case "stdout":
    case "stderr":
      if (!f.run) stepOutput(f);
      return;
    case "error":
      showError(`Error${f.code ? ` · ${f.code}` : ""}`, [String(f.message ?? "")]);
      if (!f.run) offerRetry();
      return;
    case "session-ended":
      setStatus("ended");
      setCommandEnabled(false);
      showError("Session ended", [String(f.reason ?? "")]);
      if (f.reason === "failed") ui.retry.hidden = false;
      return;
  }
}

// ---- session lifecycle -------------------------------------------------------------------------
// Every session has its own address, /s/{id}. Opening it (a reload, a new tab, tomorrow) asks the Web for a fresh
// token for this user's session, shows the newest page of its history (older pages on scroll-back), then streams live
// frames. A share link carries a viewer token in the fragment (#view=…), which browsers never send to a server.

/** The viewer token of a share link, or null. */
function viewerToken(): string | null {
  const match = /^#view=([^&]+)/.exec(location.hash);
  return match ? decodeURIComponent(match[1]) : null;
}

function sessionIdFromPath(): string | null {
  const match = /^\/s\/([^/]+)\/?$/.exec(location.pathname);
  return match ? decodeURIComponent(match[1]) : null;
}

/** Forgets the current session on this page (its connection, frames, steps and view). */
function resetSessionView(): void {
  hub?.stop();
  hub = null;
  view?.dispose();
  view = null;
  session = null;
  lastFrameId = null;
  sessionHistory = null;
  shown = [];
  delete ui.steps.dataset.partial;
  delete document.body.dataset.sessionId;
  debug.sessionId = null;
  debug.view = null;
  debug.lastFrameId = null;
  debug.frames = [];
  debug.history = () => ({ pages: 0, hasOlder: false });
  debug.terminalText = () => "";
  resetSteps();
  ui.retry.hidden = true;
  ui.sessionInfo.hidden = true;
  ui.shareLink.hidden = true;
  ui.shareLink.value = "";
  delete ui.console.dataset.view;
  ui.form.hidden = readOnly;
  ui.output.replaceChildren(el("div", "output-empty", "Start a sandbox: what it does appears here, live."));
  setCommandEnabled(false);
}

/**
 * Shows a session and streams it. One this page just created is replayed by the hub from its first frame; one reopened
 * shows its newest history page first and the hub resumes after that page's last frame (older pages on scroll-back).
 */
async function attachSession(id: string, token: string, template: string, fresh: boolean, status?: string): Promise<void> {
  session = { id, token, template, readOnly };
  clearPreviewLinks(ui.sessionInfo);
  document.body.dataset.sessionId = id;
  sessions?.select(id);
  debug.sessionId = id;
  ui.sessionId.textContent = id;
  ui.sessionTemplate.textContent = template;
  if (templates.some((t) => t.name === template)) {
    ui.templateSelect.value = template; // an opened session shows the template it runs
    describeTemplate();
  }
  ui.sessionInfo.hidden = false;
  ui.start.textContent = "Start new sandbox";
  showView(kindOf(template), fresh);
  const pager = new SessionHistory(id, token, !fresh);
  sessionHistory = pager;
  debug.history = () => ({ pages: pager.pages, hasOlder: pager.hasOlder });
  if (!fresh) {
    // The newest page may hold no ready or status frame: the session's own status says whether it takes commands.
    if (status && LIVE_STATES.includes(status)) setCommandEnabled(true);
    const newest = await pager.newest();
    if (sessionHistory !== pager) return; // another session was opened meanwhile
    onFrames(newest);
    noteHistory(pager);
  }

  const connection = new SessionHub(id, token, {
    frames: onFrames,
    state: setConnection,
    failed: (what, e) => showApiError(e, what),
    lastFrameId: () => lastFrameId,
  });
  hub = connection;
  debug.hub = (method, ...args) => connection.invoke(method, ...args);
  await connection.start();
  if (sessionHistory === pager && view?.atStart() && pager.hasOlder) void loadOlder();
}

async function startSession(from?: { template: string; files: WorkspaceFile[] }): Promise<void> {
  const template = from?.template ?? (ui.templateSelect.value || "shell");
  const files = from?.files ?? picker.chosen;
  clearError();
  ui.start.disabled = true;
  resetSessionView(); // a new session replaces the current one on this page
  setStatus("creating");
  try {
    const created = await createSession(template, files);
    lastCreate = { template, files };
    if (!from) picker.clear();
    window.history.pushState(null, "", `/s/${encodeURIComponent(created.id)}`);
    if (ui.status.dataset.state === "creating") setStatus(created.status || "starting");
    void sessions?.refresh();
    await attachSession(created.id, created.token, created.template || template, true);
  } catch (e) {
    if (!session) setStatus("failed");
    showApiError(e, session ? "Could not connect to the live stream" : "Could not start the sandbox");
  } finally {
    ui.start.disabled = false;
  }
}

/** Shows the session the address names (or none): an owner's via a fresh token, a share link's read-only. */
async function openFromLocation(): Promise<void> {
  const id = sessionIdFromPath();
  if (session && session.id === id) return;
  resetSessionView();
  if (!id) {
    ui.start.textContent = "Start sandbox";
    setStatus("none", "no session");
    return;
  }
  setStatus("connecting");
  // A sandbox started meanwhile would be replaced by this one half-way: Start waits until it is open.
  ui.start.disabled = true;
  try {
    const token = viewerToken() ?? (await getAccess(id, "owner")).token;
    const details = await getSession(id, token);
    setStatus(details.status);
    await attachSession(id, token, details.template, false, details.status);
    showPreviewLinks(ui.sessionInfo, id, token, (details as { previews?: unknown }).previews);
  } catch (e) {
    resetSessionView();
    setStatus("none", "no session");
    showApiError(e, "Could not open this session");
  } finally {
    ui.start.disabled = false;
  }
}

function openSession(id: string): void {
  window.history.pushState(null, "", `/s/${encodeURIComponent(id)}`);
  void openFromLocation();
}

async function shareSession(): Promise<void> {
  if (!session) return;
  try {
    const { token } = await getAccess(session.id, "viewer");
    const link = `${location.origin}/s/${encodeURIComponent(session.id)}#view=${encodeURIComponent(token)}`;
    ui.shareLink.value = link;
    ui.shareLink.hidden = false;
    ui.shareLink.select();
    try {
      await navigator.clipboard.writeText(link);
      ui.share.textContent = "Link copied";
    } catch {
      ui.share.textContent = "Copy the link below";
    }
    setTimeout(() => (ui.share.textContent = "Share read-only"), 3000);
  } catch (e) {
    showApiError(e, "Could not make a share link");
  }
}

async function deleteCurrent(): Promise<void> {
  if (!session || session.readOnly) return;
  if (!window.confirm(`Delete session ${session.id}? Its sandbox and files go; its history stays readable.`)) return;
  try {
    await deleteSession(session.id, session.token);
    void sessions?.refresh();
  } catch (e) {
    showApiError(e, "Could not delete the session");
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

const picker = new FilePicker(ui.fileInput, ui.fileDrop, ui.fileList, showError);
const sessions = readOnly
  ? null
  : new SessionsList(ui.sessions, ui.sessionsMore, {
      open: openSession,
      remove: async (s) => {
        // This user's session: the Web hands out its owner token for the delete.
        const { token } = session?.id === s.id ? session : await getAccess(s.id, "owner");
        await deleteSession(s.id, token);
      },
      failed: (what, e) => showApiError(e, what),
    });
if (readOnly) {
  document.body.dataset.mode = "viewer";
  ui.viewerBanner.hidden = false;
}
ui.share.addEventListener("click", () => void shareSession());
ui.delete.addEventListener("click", () => void deleteCurrent());
ui.retry.addEventListener("click", () => {
  if (!session && !lastCreate) return;
  void startSession(lastCreate ?? { template: session!.template, files: [] });
});
window.addEventListener("popstate", () => void openFromLocation());

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
/**
 * A deployed Web asks who this is first: without a signed-in user only the sign-in card shows (a share link's viewer
 * needs no sign-in: its token is its permission). On loopback dev nothing is asked.
 */
async function boot(): Promise<void> {
  let me = { required: false, signedIn: false, name: null as string | null, keySignIn: false, oidcSignIn: false };
  try {
    me = await getMe();
  } catch {
    /* an older Web: no sign-in */
  }
  if (me.signedIn) {
    ui.user.textContent = me.name ?? "signed in";
    ui.user.hidden = false;
    ui.signout.hidden = false;
  }
  if (me.required && !me.signedIn && !readOnly) {
    document.body.dataset.mode = "signin";
    ui.signin.hidden = false;
    ui.signinForm.hidden = !me.keySignIn;
    ui.signinOidc.hidden = !me.oidcSignIn;
    setStatus("none", "signed out");
    return;
  }
  // The templates say which view a session gets: load them before opening one (or starting one: Start waits).
  ui.start.disabled = true;
  fillTemplates(await getTemplates());
  ui.start.disabled = false;
  await openFromLocation();
  void sessions?.refresh();
}

ui.signinForm.addEventListener("submit", async (e) => {
  e.preventDefault();
  try {
    await signIn(ui.signinKey.value);
    location.reload();
  } catch (err) {
    showApiError(err, "Could not sign in");
  }
});
ui.signout.addEventListener("click", async () => {
  await signOut().catch(() => undefined);
  location.assign("/");
});

void boot();
