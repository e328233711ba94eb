// Streams an agent's answer into the DOM as it arrives, delta by delta, with the little markdown
// agents lean on most: `inline code` and ``` fenced blocks. Incremental: each delta only appends
// (no re-render of what is already on screen), and a backtick run split across deltas still counts.
import { el } from "../dom";

type Mode = "text" | "code" | "fence-info" | "fence";

export class AgentText {
  /** inline, so the streaming caret after it sits at the end of the last line */
  readonly root = el("span", "agent-text");
  private mode: Mode = "text";
  /** where text goes now: root, an inline <code>, or a fenced block's <code> */
  private target: HTMLElement = this.root;
  private ticks = 0;
  private skipNewline = false;
  private raw = "";

  /** Everything appended so far, as the agent sent it. */
  get text(): string {
    return this.raw;
  }

  append(text: string): void {
    if (!text) return;
    this.raw += text;
    let plain = "";
    for (const ch of text) {
      if (ch === "`") {
        if (plain) this.emit(plain);
        plain = "";
        this.ticks++;
        continue;
      }
      if (this.ticks > 0) this.takeTicks();
      if (this.skipNewline) {
        this.skipNewline = false;
        if (ch === "\n") continue;
      }
      if (this.mode === "fence-info") {
        if (ch === "\n") this.mode = "fence";
        continue; // the language tag is not shown
      }
      plain += ch;
    }
    if (plain) this.emit(plain);
  }

  /** The answer is complete: backticks still held back are literal. */
  end(): void {
    if (this.ticks > 0) this.takeTicks();
  }

  private takeTicks(): void {
    const n = this.ticks;
    this.ticks = 0;
    if (n === 3 && (this.mode === "text" || this.mode === "fence")) {
      this.toggleFence();
    } else if (n === 1 && (this.mode === "text" || this.mode === "code")) {
      this.toggleInline();
    } else {
      this.emit("`".repeat(n));
    }
  }

  private toggleInline(): void {
    if (this.mode === "code") {
      this.mode = "text";
      this.target = this.root;
    } else {
      this.mode = "code";
      this.target = this.root.appendChild(el("code", "md-code"));
    }
  }

  private toggleFence(): void {
    if (this.mode === "fence") {
      // The newline before the closing fence ends the last line, it is not an empty one.
      const last = this.target.lastChild;
      if (last instanceof Text && last.data.endsWith("\n")) last.data = last.data.slice(0, -1);
      this.mode = "text";
      this.target = this.root;
      this.skipNewline = true;
    } else {
      const pre = this.root.appendChild(el("pre", "md-block"));
      this.target = pre.appendChild(el("code"));
      this.mode = "fence-info";
    }
  }

  private emit(text: string): void {
    const last = this.target.lastChild;
    if (last instanceof Text) last.appendData(text);
    else this.target.append(document.createTextNode(text));
  }
}
