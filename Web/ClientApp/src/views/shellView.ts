// Shell sessions: each run a block with its command and its stdout/stderr as plain text.
import { el } from "../dom";
import { Frame, describeCommand } from "../frames";
import { RunBlock } from "./runBlock";
import { OutputStream, RunBlocksView } from "./runBlocksView";
import { ViewContext } from "./view";

type OutputClass = "out-stdout" | "out-stderr" | "out-info";

class ShellRun extends RunBlock {
  private readonly body = el("pre", "run-output");

  constructor(runId: string, onStop: ((runId: string) => void) | null) {
    super(runId, "$", onStop);
    this.root.append(this.body);
  }

  append(cls: OutputClass, text: string): void {
    if (!text) return;
    // One node per frame, appended the moment the frame arrives.
    this.body.append(el("span", cls, text));
  }
}

export class ShellView extends RunBlocksView<ShellRun> {
  readonly kind = "shell";
  readonly commandBox = { symbol: "$", placeholder: "Type a command, e.g. ls -la, and press Enter", button: "Run" };

  constructor(ctx: ViewContext) {
    super(ctx, "Output of your commands appears here, live.", (id) => new ShellRun(id, ctx.readOnly ? null : (run) => ctx.stopRun(run)));
  }

  protected commandText(command: unknown): string {
    return describeCommand(command);
  }

  protected output(run: ShellRun, stream: OutputStream, text: string): void {
    run.append(stream === "stderr" ? "out-stderr" : "out-stdout", text);
  }

  protected runFrame(run: ShellRun, f: Frame): void {
    switch (f.type) {
      case "error":
        run.append("out-stderr", `${String(f.message ?? "")}\n`);
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
    }
  }
}
