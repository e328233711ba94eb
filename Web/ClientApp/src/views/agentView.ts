// Agent sessions: the prompt, then the answer streaming into one message per run, with tool
// calls as cards where they happened, the agent's own log lines, errors and the end of the run.
import { el } from "../dom";
import { Frame, describeCommand } from "../frames";
import { AgentText } from "./agentText";
import { RunBlock } from "./runBlock";
import { OutputStream, RunBlocksView } from "./runBlocksView";
import { ToolCard } from "./toolCard";
import { ViewContext } from "./view";

class AgentRun extends RunBlock {
  private readonly body = el("div", "agent-body");
  private message: HTMLElement | null = null;
  private readonly caret = el("span", "agent-caret");
  private segment: AgentText | null = null;
  private readonly tools = new Map<string, ToolCard>();
  private log: HTMLPreElement | null = null;
  private sawDelta = false;
  private done = false;

  constructor(runId: string, onStop: ((runId: string) => void) | null) {
    super(runId, "›", onStop);
    this.root.classList.add("agent-run");
    this.root.append(this.body);
  }

  started(ts: number): void {
    super.started(ts);
    this.bubble(); // shows the agent is at work before its first word
  }

  note(text: string, title?: string): void {
    const note = el("div", "agent-note", text);
    if (title) note.title = title;
    // Notes (the agent's session id) go above the answer.
    if (this.message) this.body.insertBefore(note, this.message);
    else this.body.append(note);
  }

  textDelta(text: string): void {
    if (!text) return;
    this.sawDelta = true;
    this.textSegment().append(text);
  }

  toolStart(f: Frame): void {
    const id = String(f.toolId ?? "");
    this.segment?.end();
    this.segment = null; // text after the card starts a new segment below it
    const card = new ToolCard(id, String(f.name ?? "tool"), f.input);
    this.tools.set(id, card);
    this.bubble().insertBefore(card.root, this.caret);
  }

  toolResult(f: Frame): void {
    const id = String(f.toolId ?? "");
    let card = this.tools.get(id);
    if (!card) {
      // Its start is not in view (history cut short): still show the result.
      this.toolStart({ ...f, name: "tool", input: undefined });
      card = this.tools.get(id)!;
    }
    card.complete(f.output, f.isError === true);
  }

  finished(f: Frame): void {
    if (this.done) return;
    this.done = true;
    if (!this.sawDelta && typeof f.text === "string" && f.text) this.textSegment().append(f.text);
    this.segment?.end();
    const message = this.bubble();
    message.dataset.state = "done";
    const usage = describeUsage(f.usage);
    if (usage) {
      const footer = el("div", "agent-usage", usage);
      footer.dataset.testid = "agent-usage";
      message.append(footer);
    }
  }

  error(f: Frame): void {
    const box = el("div", "agent-error");
    box.dataset.testid = "agent-error";
    box.append(el("span", "agent-error-code", String(f.code ?? "error")), el("span", "agent-error-message", String(f.message ?? "")));
    this.body.append(box);
  }

  logLine(stream: OutputStream, text: string): void {
    if (!text) return;
    if (!this.log) {
      this.log = el("pre", "agent-log");
      this.log.dataset.testid = "agent-log";
      this.body.append(this.log);
    }
    this.log.append(el("span", stream === "stderr" ? "out-stderr" : "out-stdout", text));
  }

  exited(f: Frame): void {
    for (const card of this.tools.values()) card.abandon();
    this.segment?.end();
    if (this.message) {
      // A stopped answer keeps what it said so far, marked as cut short (even if the agent closed it with a 'done').
      if (f.reason === "stopped") {
        this.message.dataset.state = "stopped";
        const mark = el("div", "agent-stopped", "stopped");
        mark.dataset.testid = "agent-stopped";
        this.message.append(mark);
      } else if (this.message.dataset.state !== "done") this.message.dataset.state = "ended";
      if (!this.message.querySelector(".agent-text, .tool-card")) this.message.remove(); // nothing was said
    }
    super.exited(f);
  }

  private bubble(): HTMLElement {
    if (!this.message) {
      this.message = el("div", "agent-message");
      this.message.dataset.testid = "agent-message";
      this.message.dataset.state = this.ended ? "ended" : "streaming";
      this.message.append(this.caret);
      // Above whatever the run printed so far (log lines, errors), below the notes.
      const firstOther = this.body.querySelector(".agent-log, .agent-error");
      this.body.insertBefore(this.message, firstOther);
    }
    return this.message;
  }

  private textSegment(): AgentText {
    if (!this.segment) {
      this.segment = new AgentText();
      this.bubble().insertBefore(this.segment.root, this.caret);
    }
    return this.segment;
  }
}

export class AgentView extends RunBlocksView<AgentRun> {
  readonly kind = "agent";
  readonly commandBox = { symbol: "›", placeholder: "Ask the agent, e.g. list the files", button: "Send" };

  constructor(ctx: ViewContext) {
    super(ctx, "Ask the agent something: its answer streams here, with every tool it runs.", (id) => new AgentRun(id, ctx.readOnly ? null : (run) => ctx.stopRun(run)));
  }

  protected commandText(command: unknown): string {
    return promptOf(command);
  }

  protected output(run: AgentRun, stream: OutputStream, text: string): void {
    run.logLine(stream, text);
  }

  protected runFrame(run: AgentRun, f: Frame): void {
    switch (f.type) {
      case "agent-session":
        run.note(`agent session ${String(f.agentSessionId ?? "")}`, "An id a later run can resume");
        return;
      case "text-delta":
        run.textDelta(String(f.text ?? ""));
        return;
      case "tool-start":
        run.toolStart(f);
        return;
      case "tool-result":
        run.toolResult(f);
        return;
      case "done":
        run.finished(f);
        return;
      case "error":
        run.error(f);
        return;
    }
  }
}

/**
 * The prompt inside an agent's argv, for runs this page did not start (a reload, another tab):
 * the argument after -p (claude -p <prompt>), the only argument (demo-agent <prompt>), else the argv.
 */
function promptOf(command: unknown): string {
  if (!Array.isArray(command)) return describeCommand(command);
  const argv = command.map(String);
  const p = argv.indexOf("-p");
  if (p >= 0 && p + 1 < argv.length) return argv[p + 1];
  if (argv.length === 2) return argv[1];
  return describeCommand(argv);
}

/** `{ output_tokens: 6, tool_calls: 1 }` → "6 output tokens · 1 tool call". */
function describeUsage(usage: unknown): string {
  if (!usage || typeof usage !== "object" || Array.isArray(usage)) return "";
  const parts: string[] = [];
  for (const [key, value] of Object.entries(usage as Record<string, unknown>)) {
    if (typeof value !== "number" && typeof value !== "string") continue;
    const words = key.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ").toLowerCase();
    const label = value === 1 && words.endsWith("s") ? words.slice(0, -1) : words;
    parts.push(typeof value === "number" ? `${value.toLocaleString("en-US")} ${label}` : `${label} ${value}`);
  }
  return parts.slice(0, 6).join(" · ");
}
