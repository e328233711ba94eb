// Files a new sandbox starts with: picked or dropped, read as text and checked by the Api's rules
// (API.md, Limits) before anything is sent, so a mistake is named here rather than by a 400.
import { WorkspaceFile } from "./api";
import { el } from "./dom";

const MAX_FILES = 1000;
const MAX_TOTAL_BYTES = 10 * 1024 * 1024;
const MAX_PATH = 1024;

export class FilePicker {
  private files: WorkspaceFile[] = [];

  constructor(
    private readonly input: HTMLInputElement,
    drop: HTMLElement,
    private readonly list: HTMLUListElement,
    private readonly failed: (title: string, lines: string[]) => void,
  ) {
    input.addEventListener("change", () => void this.add(Array.from(input.files ?? [])));
    drop.addEventListener("dragover", (e) => {
      e.preventDefault();
      drop.classList.add("dragging");
    });
    drop.addEventListener("dragleave", () => drop.classList.remove("dragging"));
    drop.addEventListener("drop", (e) => {
      e.preventDefault();
      drop.classList.remove("dragging");
      void this.add(Array.from(e.dataTransfer?.files ?? []));
    });
  }

  /** The files chosen so far (the next sandbox starts with them). */
  get chosen(): WorkspaceFile[] {
    return this.files;
  }

  clear(): void {
    this.files = [];
    this.input.value = "";
    this.render();
  }

  private async add(picked: File[]): Promise<void> {
    const next = [...this.files];
    const problems: string[] = [];
    for (const file of picked) {
      const path = (file.webkitRelativePath || file.name).replace(/\\/g, "/");
      const problem = pathProblem(path);
      if (problem) {
        problems.push(`${path}: ${problem}`);
        continue;
      }
      const content = await file.text();
      const existing = next.findIndex((f) => f.path === path);
      if (existing >= 0) next[existing] = { path, content };
      else next.push({ path, content });
    }
    const total = next.reduce((sum, f) => sum + new TextEncoder().encode(f.content).length, 0);
    if (next.length > MAX_FILES) problems.push(`At most ${MAX_FILES} files.`);
    if (total > MAX_TOTAL_BYTES) problems.push(`At most 10 MiB of content in all; these hold ${(total / 1048576).toFixed(1)} MiB.`);
    if (problems.length > 0) {
      this.failed("Some files cannot be used", problems);
      if (next.length > MAX_FILES || total > MAX_TOTAL_BYTES) return;
    }
    this.files = next;
    this.input.value = "";
    this.render();
  }

  private render(): void {
    this.list.replaceChildren(
      ...this.files.map((f) => {
        const li = el("li", "file-item");
        li.dataset.path = f.path;
        const remove = el("button", "file-remove", "×");
        remove.type = "button";
        remove.title = `Remove ${f.path}`;
        remove.addEventListener("click", () => {
          this.files = this.files.filter((x) => x.path !== f.path);
          this.render();
        });
        li.append(el("code", undefined, f.path), remove);
        return li;
      }),
    );
  }
}

/** The Api's path rules, in short: relative, '/'-separated, no '.'/'..' or empty segments, no ':' or control characters. */
export function pathProblem(path: string): string | null {
  if (!path || path.length > MAX_PATH) return `a path is 1-${MAX_PATH} characters`;
  if (path.startsWith("/")) return "paths are relative to the workspace";
  if (path.includes(":")) return "no ':' in paths";
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) return "no control characters";
  const segments = path.split("/");
  if (segments.some((s) => s === "" || s === "." || s === "..")) return "no empty, '.' or '..' segments";
  if (segments.some((s) => new TextEncoder().encode(s).length > 255)) return "segments are at most 255 bytes";
  return null;
}
