// What the shell and agent views share: the output panel as one block per run, and the frames every
// run has (queued, started, its process's output, its exit). Each view adds its own kind of block
// and handles the frames that are its own (an agent's answer and tools, a shell's plain lines).
import { el } from "../dom";
import { Frame, OutputDecoder, stripAnsi } from "../frames";
import { RunBlock, RunBlocks } from "./runBlock";
import { CommandBox, SessionView, ViewContext } from "./view";

export type OutputStream = "stdout" | "stderr";

export abstract class RunBlocksView<T extends RunBlock> implements SessionView {
  abstract readonly kind: string;
  abstract readonly commandBox: CommandBox;
  private readonly runs: RunBlocks<T>;
  private readonly decoder = new OutputDecoder();

  private readonly host: HTMLElement;
  private readonly onScroll: () => void;

  protected constructor(ctx: ViewContext, emptyText: string, createRun: (runId: string) => T) {
    ctx.host.replaceChildren(el("div", "output-empty", emptyText));
    this.runs = new RunBlocks(ctx.host, createRun);
    this.host = ctx.host;
    this.onScroll = () => {
      if (this.atStart()) ctx.loadOlder();
    };
    this.host.addEventListener("scroll", this.onScroll, { passive: true });
  }

  runSubmitted(runId: string, text: string): void {
    this.runs.get(runId).setCommand(text);
  }

  frame(f: Frame): void {
    if (!f.run) return;
    const run = this.runs.get(f.run);
    switch (f.type) {
      case "run-queued":
        run.queued(f.position);
        return;
      case "run-started":
        if (!run.hasCommand()) run.setCommand(this.commandText(f.command));
        run.started(f.ts);
        return;
      case "stdout":
      case "stderr":
      case "terminal":
        this.output(run, f.type === "stderr" ? "stderr" : "stdout", stripAnsi(this.decoder.decode(`${f.run}:${f.type}`, f)));
        return;
      case "process-exit":
        run.exited(f);
        return;
      default:
        this.runFrame(run, f);
    }
  }

  text(): string {
    return "";
  }

  atStart(): boolean {
    return this.host.scrollTop < 64;
  }

  distanceFromEnd(): number {
    return this.host.scrollHeight - this.host.scrollTop;
  }

  restoreDistanceFromEnd(distance: number): void {
    this.host.scrollTop = this.host.scrollHeight - distance;
  }

  dispose(): void {
    this.host.removeEventListener("scroll", this.onScroll);
  }

  /** The command a run shows when this page did not start it (a reload, another tab), from its argv. */
  protected abstract commandText(command: unknown): string;

  /** What the run's process printed, decoded and without terminal escapes. */
  protected abstract output(run: T, stream: OutputStream, text: string): void;

  /** Any other frame of a run: the view's own (answers, tools, errors); unknown types are ignored. */
  protected abstract runFrame(run: T, f: Frame): void;
}
