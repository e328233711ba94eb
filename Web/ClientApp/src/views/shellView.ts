// Shell sessions: each run a block with its command and its stdout/stderr as plain text.
import { el } from "../dom";
import { Frame, OutputDecoder, describeCommand, stripAnsi } from "../frames";
import { RunBlock, RunBlocks } from "./runBlock";
import { SessionView, ViewContext } from "./view";

type OutputClass = "out-stdout" | "out-stderr" | "out-info";

class ShellRun extends RunBlock {
  private readonly body = el("pre", "run-output");

  constructor(runId: string) {
    super(runId, "$");
    this.root.append(this.body);
  }

  append(cls: OutputClass, text: string): void {
    if (!text) return;
    // One node per frame, appended the moment the frame arrives.
    this.body.append(el("span", cls, text));
  }
}

export class ShellView implements SessionView {
  readonly kind = "shell";
  readonly commandBox = { symbol: "$", placeholder: "Type a command, e.g. ls -la, and press Enter", button: "Run" };
  private readonly runs: RunBlocks<ShellRun>;
  private readonly decoder = new OutputDecoder();

  constructor(ctx: ViewContext) {
    ctx.host.replaceChildren(el("div", "output-empty", "Output of your commands appears here, live."));
    this.runs = new RunBlocks(ctx.host, (id) => new ShellRun(id));
  }

  runSubmitted(runId: string, text: string): void {
    this.runs.get(runId).setCommand(text);
  }

  frame(f: Frame): void {
    if (!f.run) return;
    if (f.type === "error") {
      this.runs.get(f.run).append("out-stderr", `${String(f.message ?? "")}\n`);
      return;
    }
    const run = this.runs.get(f.run);
    switch (f.type) {
      case "run-queued":
        run.queued(f.position);
        return;
      case "run-started":
        if (!run.hasCommand()) run.setCommand(describeCommand(f.command));
        run.started(f.ts);
        return;
      case "stdout":
      case "stderr":
      case "terminal":
        run.append(f.type === "stderr" ? "out-stderr" : "out-stdout", stripAnsi(this.decoder.decode(`${f.run}:${f.type}`, f)));
        return;
      // A shell template given an agent parser still shows what the agent says, plainly.
      case "text-delta":
        run.append("out-stdout", String(f.text ?? ""));
        return;
      case "tool-start":
        run.append("out-info", `\n⚙ ${String(f.name ?? "tool")} ${JSON.stringify(f.input ?? {})}\n`);
        return;
      case "tool-result":
        run.append(f.isError ? "out-stderr" : "out-info", `${typeof f.output === "string" ? f.output : JSON.stringify(f.output)}\n`);
        return;
      case "process-exit":
        run.exited(f);
        return;
    }
  }

  text(): string {
    return "";
  }

  dispose(): void {}
}
