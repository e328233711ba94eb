// A tool call of an agent as a card: name and input when it starts, output (or error) when it ends.
import { el } from "../dom";

export class ToolCard {
  readonly root = el("details", "tool-card");
  private readonly state = el("span", "tool-state");
  private readonly body = el("div", "tool-body");

  constructor(
    readonly toolId: string,
    name: string,
    input: unknown,
  ) {
    this.root.dataset.testid = "tool-card";
    this.root.dataset.toolId = toolId;
    this.root.dataset.tool = name;
    this.root.open = true;

    const summary = el("summary", "tool-summary");
    const nameEl = el("span", "tool-name", name);
    nameEl.dataset.testid = "tool-name";
    summary.append(el("span", "tool-icon"), nameEl, el("span", "tool-brief", brief(input)), this.state);
    this.root.append(summary, this.body);

    if (!isEmpty(input)) this.section("Input", "tool-input", formatJson(input));
    this.setState("running", "running…");
  }

  complete(output: unknown, isError: boolean): void {
    const text = typeof output === "string" ? output : JSON.stringify(output, null, 2);
    const pre = this.section(isError ? "Error" : "Output", "tool-output", text === "" ? "(no output)" : text.replace(/\n$/, ""));
    pre.dataset.testid = "tool-output";
    if (text === "") pre.classList.add("empty");
    this.setState(isError ? "error" : "ok", isError ? "error" : "done");
  }

  /** The run ended before the tool said how it went. */
  abandon(): void {
    if (this.root.dataset.state === "running") this.setState("abandoned", "no result");
  }

  private section(label: string, cls: string, text: string): HTMLPreElement {
    const section = el("div", "tool-section");
    const pre = el("pre", cls, text);
    section.append(el("div", "tool-label", label), pre);
    this.body.append(section);
    return pre;
  }

  private setState(state: string, label: string): void {
    this.root.dataset.state = state;
    this.state.textContent = label;
  }
}

/** A flat object of short values on one line, anything bigger indented. */
function formatJson(value: unknown): string {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.every(([, v]) => v === null || typeof v !== "object")) {
      const flat = `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(", ")} }`;
      if (flat.length <= 100 && !flat.includes("\\n")) return flat;
    }
  }
  return JSON.stringify(value, null, 2) ?? String(value);
}

function isEmpty(input: unknown): boolean {
  return input === undefined || input === null || (typeof input === "object" && Object.keys(input as object).length === 0);
}

/** One line for the card's title: `path: "."`, `command: "ls -la"`. */
function brief(input: unknown): string {
  if (isEmpty(input)) return "";
  let text: string;
  if (typeof input === "object" && !Array.isArray(input)) {
    text = Object.entries(input as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${JSON.stringify(v) ?? String(v)}`)
      .join("  ");
  } else {
    text = JSON.stringify(input);
  }
  text = text.replace(/\s+/g, " ");
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}
