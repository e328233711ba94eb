// Terminal sessions: a login shell under a PTY shown in xterm.js. Keystrokes go straight to the
// hub (fire and forget, in order), the PTY's bytes come back as `terminal` frames, and the PTY
// follows the size of the panel.
import { FitAddon } from "@xterm/addon-fit";
import { ITheme, Terminal } from "@xterm/xterm";
import "@xterm/xterm/css/xterm.css";
import { getSession, startRun } from "../api";
import { el, formatDuration } from "../dom";
import { Frame, base64ToBytes, describeCommand } from "../frames";
import { SessionView, ViewContext } from "./view";

/** waiting: for the sandbox · starting: shell asked for · running · exited: shell gone · ended: session over */
type TerminalState = "waiting" | "starting" | "running" | "exited" | "ended";

const THEME: ITheme = {
  background: "#0a0c0f",
  foreground: "#d7dde5",
  cursor: "#7ee787",
  cursorAccent: "#0a0c0f",
  selectionBackground: "#264f78",
  black: "#484f58",
  red: "#ff7b72",
  green: "#7ee787",
  yellow: "#e3b341",
  blue: "#58a6ff",
  magenta: "#d2a8ff",
  cyan: "#56d4dd",
  white: "#d7dde5",
  brightBlack: "#6e7681",
  brightRed: "#ffa198",
  brightGreen: "#aff5b4",
  brightYellow: "#f2cc60",
  brightBlue: "#79c0ff",
  brightMagenta: "#e2c5ff",
  brightCyan: "#b3f0ff",
  brightWhite: "#ffffff",
};

const MAX_EARLY_INPUT = 4096;
/** Lines xterm keeps above the screen: history older than that has no place to show. */
const SCROLLBACK = 5000;
/** Output older than this when it arrives is history (a reload, a late tab), not something happening now. */
const REPLAY_AGE_MS = 5000;
const DIM = "\x1b[2m";
const RED = "\x1b[31m";
const RESET = "\x1b[0m";
const HIDE_CURSOR = "\x1b[?25l";
const SHOW_CURSOR = "\x1b[?25h";

export class TerminalView implements SessionView {
  readonly kind = "terminal";
  readonly commandBox = null;

  private readonly root = el("div", "term");
  private readonly title = el("span", "term-title", "bash -l");
  private readonly chip = el("span", "run-chip");
  private readonly size = el("span", "term-size");
  private readonly screen = el("div", "term-screen");
  /** xterm's parent: no padding of its own, so the fit addon measures exactly the room there is */
  private readonly fitBox = el("div", "term-fit");
  private readonly exitBar = el("div", "term-exit");
  private readonly exitText = el("span", "term-exit-text");
  private readonly restart = el("button", "term-restart", "Restart shell");
  private readonly stop = el("button", "run-stop", "Stop");

  private readonly term: Terminal;
  private readonly fit = new FitAddon();
  private readonly observer: ResizeObserver;
  private fitFrame = 0;
  private resizeTimer = 0;

  private state: TerminalState = "waiting";
  private ready = false;
  /** start a shell as soon as the sandbox is ready (a new session, or a resumed one that never had a run) */
  private wantShell: boolean;
  private requesting = false;
  private readonly seenRuns = new Set<string>();
  private readonly endedRuns = new Set<string>();
  /** the run whose PTY is live now */
  private current: string | null = null;
  private currentStartedTs = 0;
  private readonly sizedRuns = new Set<string>();
  /** keystrokes typed while the shell is starting, sent once it runs */
  private early = "";
  /** writes of replayed output still being parsed: what xterm answers to them is not for the live shell */
  private replaying = 0;
  /** writes xterm has not parsed yet: until then the buffer (and where the reader is in it) is not final */
  private pendingWrites = 0;

  constructor(private readonly ctx: ViewContext) {
    this.root.dataset.testid = "terminal";
    this.exitBar.dataset.testid = "terminal-exit";
    this.restart.dataset.testid = "restart-shell";
    this.restart.type = "button";
    this.restart.addEventListener("click", () => void this.startShell());
    this.restart.classList.add("owner-only");
    this.stop.type = "button";
    this.stop.dataset.testid = "stop-run";
    this.stop.hidden = true;
    this.stop.addEventListener("click", () => {
      if (this.current === null) return;
      this.stop.disabled = true;
      ctx.stopRun(this.current);
    });

    const bar = el("div", "term-bar");
    bar.append(el("span", "run-prompt", "❯"), this.title, this.chip, this.size);
    if (!ctx.readOnly) bar.append(this.stop);
    this.exitBar.append(this.exitText, this.restart);
    this.exitBar.hidden = true;
    this.screen.append(this.fitBox);
    this.root.append(bar, this.screen, this.exitBar);
    ctx.host.replaceChildren(this.root);

    this.term = new Terminal({
      disableStdin: ctx.readOnly,
      fontFamily: '"DejaVu Sans Mono", "JetBrains Mono", "Cascadia Code", Menlo, Consolas, monospace',
      fontSize: 13,
      lineHeight: 1.15,
      cursorBlink: true,
      scrollback: SCROLLBACK,
      theme: THEME,
      allowProposedApi: false,
    });
    this.term.loadAddon(this.fit);
    this.term.open(this.fitBox);
    this.term.onData((data) => this.input(data));
    this.term.onBinary((data) => this.input(data));
    // Scrolled back to the first line xterm holds: the page reads the history before it.
    this.term.onScroll(() => {
      if (this.atStart()) ctx.loadOlder();
    });
    this.term.onResize(({ cols, rows }) => {
      this.size.textContent = `${cols}×${rows}`;
      this.scheduleResize();
    });
    this.observer = new ResizeObserver(() => this.scheduleFit());
    this.observer.observe(this.fitBox);
    this.scheduleFit();

    // A viewer never starts a shell: it watches the owner's.
    this.wantShell = ctx.fresh && !ctx.readOnly;
    if (!ctx.fresh && !ctx.readOnly) void this.resumeShell();
    this.setState("waiting");
  }

  runSubmitted(): void {}

  frame(f: Frame): void {
    switch (f.type) {
      case "ready":
        this.ready = true;
        this.maybeStartShell();
        return;
      case "status":
        if (f.state === "ready" || f.state === "idle") {
          this.ready = true;
          this.maybeStartShell();
        }
        return;
      case "session-ended":
        this.current = null;
        this.setState("ended");
        return;
    }
    if (!f.run) return;
    this.seenRuns.add(f.run);
    switch (f.type) {
      case "run-queued":
        if (this.current === null && this.state !== "ended") this.setState("starting");
        return;
      case "run-started":
        this.runStarted(f);
        return;
      case "terminal":
      case "stdout":
      case "stderr":
        this.output(f);
        return;
      case "error":
        this.write(`\r\n${RED}${String(f.message ?? "error")}${RESET}\r\n`);
        return;
      case "process-exit":
        this.runExited(f);
        return;
    }
  }

  text(): string {
    const buffer = this.term.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < buffer.length; i++) {
      const line = buffer.getLine(i);
      const text = line?.translateToString(true) ?? "";
      // A line the terminal wrapped continues the one before it.
      if (line?.isWrapped && lines.length > 0) lines[lines.length - 1] += text;
      else lines.push(text);
    }
    while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
    return lines.join("\n");
  }

  atStart(): boolean {
    const buffer = this.term.buffer.active;
    // A full scrollback has no room for older lines: reading them would only push these out.
    return this.pendingWrites === 0 && buffer.viewportY === 0 && buffer.length < SCROLLBACK + this.term.rows;
  }

  distanceFromEnd(): number {
    const buffer = this.term.buffer.active;
    return buffer.length - buffer.viewportY;
  }

  restoreDistanceFromEnd(distance: number): void {
    // xterm parses writes later: place the viewport once everything written so far is on its buffer.
    this.write("", () => this.term.scrollToLine(Math.max(0, this.term.buffer.active.length - distance)));
  }

  /**
   * Every write goes through here, so the view knows when xterm has parsed them all: only then does "the reader is at
   * the first line" mean something (a rebuilt or newly filled terminal starts empty), and then it asks for older history.
   */
  private write(data: string | Uint8Array, parsed?: () => void): void {
    this.pendingWrites++;
    this.term.write(data, () => {
      parsed?.();
      if (--this.pendingWrites === 0 && this.atStart()) this.ctx.loadOlder();
    });
  }

  dispose(): void {
    this.observer.disconnect();
    cancelAnimationFrame(this.fitFrame);
    clearTimeout(this.resizeTimer);
    this.term.dispose();
  }

  // ---- the shell's life --------------------------------------------------------------------------

  private async resumeShell(): Promise<void> {
    // A reloaded page replays the session; it starts a shell only if there never was one.
    try {
      const details = await getSession(this.ctx.session.id, this.ctx.session.token);
      this.wantShell = details.runs.length === 0 && !["deleted", "failed"].includes(details.status);
      this.maybeStartShell();
      // The history shown may start after the running shell's run-started frame (only its newest page is
      // read): the shell is still the one keystrokes go to.
      const running = details.runs.filter((r) => r.status === "running").pop();
      if (running && this.current === null && !this.endedRuns.has(running.id) && this.state !== "ended") {
        this.current = running.id;
        this.setState("running");
      }
    } catch {
      /* the replay shows what there is; the restart button offers the rest */
    }
  }

  private maybeStartShell(): void {
    if (this.wantShell && this.ready && this.seenRuns.size === 0 && !this.requesting) void this.startShell();
  }

  private async startShell(): Promise<void> {
    if (this.requesting || this.state === "ended") return;
    this.wantShell = false;
    this.requesting = true;
    this.setState("starting");
    try {
      // No command and no prompt: the template's default, a login bash under a PTY.
      const queued = await startRun(this.ctx.session.id, this.ctx.session.token, {});
      this.seenRuns.add(queued.runId);
    } catch (e) {
      this.ctx.showApiError(e, "Could not start the shell");
      if (this.current === null) this.setState("exited", "No shell running.", "Start shell");
    } finally {
      this.requesting = false;
    }
  }

  private runStarted(f: Frame): void {
    const runId = f.run!;
    if (this.current !== null && this.current !== runId) this.write(`\r\n`);
    this.write(SHOW_CURSOR);
    this.current = runId;
    this.currentStartedTs = f.ts;
    const command = describeCommand(f.command);
    if (command) this.title.textContent = command;
    this.setState("running");
    if (this.early) {
      this.ctx.sendInput(this.early);
      this.early = "";
    }
    this.scheduleResize();
    this.term.focus();
  }

  private output(f: Frame): void {
    const data = typeof f.data === "string" ? f.data : "";
    if (data) {
      const bytes = f.encoding === "base64" ? base64ToBytes(data) : data;
      if (Date.now() - f.ts / 1000 > REPLAY_AGE_MS) {
        // Replayed output may hold queries (cursor position, device attributes) that were answered
        // when they happened; xterm would answer them again, into the live shell, as typed input.
        this.replaying++;
        this.write(bytes, () => this.replaying--);
      } else {
        this.write(bytes);
      }
    }
    // The PTY surely exists once it speaks: size it then too (a resize sent just before the
    // process started would not reach it).
    const run = f.run;
    if (run !== null && run === this.current && !this.sizedRuns.has(run)) {
      this.sizedRuns.add(run);
      this.scheduleResize();
    }
  }

  private runExited(f: Frame): void {
    this.endedRuns.add(f.run!);
    if (f.run !== this.current && this.current !== null) return; // an older run, already replaced
    this.current = null;
    const code = f.exitCode;
    const reason = typeof f.reason === "string" ? f.reason : "exited";
    const what = code === null || code === undefined ? `killed${f.signal ? ` (${String(f.signal)})` : ""}` : `exit ${code}`;
    const meta = [reason !== "exited" ? reason : "", f.ts >= this.currentStartedTs && this.currentStartedTs ? formatDuration(f.ts - this.currentStartedTs) : ""]
      .filter(Boolean)
      .join(" · ");
    this.write(`\r\n${DIM}[shell ended: ${what}${meta ? ` · ${meta}` : ""}]${RESET}\r\n${HIDE_CURSOR}`);
    this.setState("exited", `Shell ended · ${what}${meta ? ` · ${meta}` : ""}`, "Restart shell", code === 0 ? "ok" : "fail");
  }

  private setState(state: TerminalState, exitText = "", button = "Restart shell", outcome = ""): void {
    this.state = state;
    this.root.dataset.state = state;
    const chip: Record<TerminalState, [string, string]> = {
      waiting: ["queued", "waiting for sandbox"],
      starting: ["queued", "starting…"],
      running: ["running", "running"],
      exited: [outcome || "fail", "ended"],
      ended: ["fail", "session ended"],
    };
    this.chip.dataset.state = chip[state][0];
    this.chip.textContent = chip[state][1];
    this.exitBar.hidden = state !== "exited" && state !== "ended";
    this.exitBar.dataset.outcome = outcome;
    this.exitText.textContent = state === "ended" ? "The session has ended." : exitText;
    this.restart.textContent = button;
    this.restart.hidden = state === "ended" || this.ctx.readOnly;
    this.stop.hidden = state !== "running";
    this.stop.disabled = false;
    if (state !== "starting") this.early = "";
    this.term.options.cursorBlink = state === "running";
    this.scheduleFit(); // the exit bar takes room from the screen
  }

  // ---- input and size ------------------------------------------------------------------------------

  private input(data: string): void {
    if (this.replaying > 0 || this.ctx.readOnly) return;
    if (this.current !== null) {
      this.ctx.sendInput(data);
    } else if (this.state === "starting" && this.early.length + data.length <= MAX_EARLY_INPUT) {
      this.early += data;
    }
  }

  private scheduleFit(): void {
    cancelAnimationFrame(this.fitFrame);
    this.fitFrame = requestAnimationFrame(() => {
      if (this.fitBox.clientWidth > 0 && this.fitBox.clientHeight > 0) this.fit.fit();
      this.size.textContent = `${this.term.cols}×${this.term.rows}`;
    });
  }

  /** Tells the PTY the terminal's size, once things settle (a window drag fires many resizes). */
  private scheduleResize(): void {
    clearTimeout(this.resizeTimer);
    this.resizeTimer = window.setTimeout(() => {
      if (this.current !== null) this.ctx.resize(this.term.cols, this.term.rows);
    }, 60);
  }
}
