// One run in the output panel: its header (prompt sign, command, state chip) and, at its end,
// the exit line. The shell and agent views fill the space between.
import { el, formatDuration } from "../dom";
import { Frame } from "../frames";

export class RunBlock {
  readonly root = el("section", "run");
  protected readonly head = el("header", "run-head");
  private readonly command = el("span", "run-command");
  private readonly chip = el("span", "run-chip");
  private readonly stop = el("button", "run-stop", "Stop");
  private startedTs: number | null = null;
  protected ended = false;

  constructor(
    readonly runId: string,
    symbol: string,
    onStop: ((runId: string) => void) | null = null,
  ) {
    this.root.dataset.run = runId;
    this.head.append(el("span", "run-prompt", symbol), this.command, this.chip);
    // Shown while the run may still be stopped (queued or running); viewers get none.
    if (onStop) {
      this.stop.type = "button";
      this.stop.dataset.testid = "stop-run";
      this.stop.addEventListener("click", () => {
        this.stop.disabled = true;
        this.stop.textContent = "Stopping…";
        onStop(runId);
      });
      this.head.append(this.stop);
    }
    this.root.append(this.head);
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

  exited(frame: Frame): void {
    this.ended = true;
    this.stop.remove();
    const code = frame.exitCode;
    const reason = typeof frame.reason === "string" ? frame.reason : "exited";
    const ok = code === 0;
    const line = el("div", `run-exit ${ok ? "ok" : "fail"}`);
    const killed = code === null || code === undefined;
    const codeEl = el("span", "exit-code", killed ? `killed${frame.signal ? ` (${frame.signal})` : ""}` : `exit ${code}`);
    codeEl.dataset.testid = "exit-code";
    codeEl.dataset.exitCode = killed ? "" : String(code);
    line.append(codeEl);
    const meta: string[] = [];
    if (reason !== "exited") meta.push(reason);
    if (this.startedTs !== null && frame.ts >= this.startedTs) meta.push(formatDuration(frame.ts - this.startedTs));
    if (meta.length) line.append(el("span", "exit-meta", meta.join(" · ")));
    this.root.append(line);
    this.setChip(ok ? "ok" : "fail", ok ? "done" : reason === "exited" ? `exit ${code}` : reason);
  }

  protected setChip(state: string, text: string): void {
    this.chip.dataset.state = state;
    this.chip.textContent = text;
  }
}

/** The run blocks of a panel, created on a run's first frame (or when the page starts it). */
export class RunBlocks<T extends RunBlock> {
  private readonly blocks = new Map<string, T>();

  constructor(
    private readonly host: HTMLElement,
    private readonly create: (runId: string) => T,
  ) {}

  get(runId: string): T {
    let block = this.blocks.get(runId);
    if (!block) {
      block = this.create(runId);
      this.blocks.set(runId, block);
      this.host.querySelector(".output-empty")?.remove();
      this.host.append(block.root);
    }
    return block;
  }
}
