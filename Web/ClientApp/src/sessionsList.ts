// The sidebar's list of this user's sessions: newest first, a page at a time, each one a link to its own
// address (/s/{id}) and a delete button that asks first.
import { listSessions, SessionSummary } from "./api";
import { el } from "./dom";

export interface SessionsListEvents {
  open(id: string): void;
  remove(session: SessionSummary): Promise<void>;
  failed(what: string, error: unknown): void;
}

export class SessionsList {
  private next: string | null = null;
  private loading = false;

  constructor(
    private readonly host: HTMLUListElement,
    private readonly more: HTMLButtonElement,
    private readonly events: SessionsListEvents,
  ) {
    more.addEventListener("click", () => void this.load(false));
  }

  /** Reloads from the first page (after a create or a delete). */
  refresh(): Promise<void> {
    return this.load(true);
  }

  /** Marks the session shown on the page. */
  select(id: string | null): void {
    for (const item of this.host.querySelectorAll<HTMLElement>("li[data-session-id]"))
      item.classList.toggle("current", item.dataset.sessionId === id);
  }

  private async load(first: boolean): Promise<void> {
    if (this.loading) return;
    this.loading = true;
    try {
      const page = await listSessions(first ? null : this.next);
      if (first) this.host.replaceChildren();
      for (const s of page.sessions) this.host.append(this.item(s));
      this.next = page.next;
      this.more.hidden = !page.next;
      if (this.host.children.length === 0) this.host.append(el("li", "sessions-empty", "No sessions yet."));
      this.select(document.body.dataset.sessionId ?? null);
    } catch (e) {
      this.events.failed("Could not list your sessions", e);
    } finally {
      this.loading = false;
    }
  }

  private item(s: SessionSummary): HTMLLIElement {
    const li = el("li", "session-item");
    li.dataset.testid = "session-item";
    li.dataset.sessionId = s.id;
    li.dataset.status = s.status;
    const link = el("a", "session-link");
    link.href = `/s/${encodeURIComponent(s.id)}`;
    link.dataset.testid = "open-session";
    link.append(el("span", "session-name", s.name || s.id), el("span", `badge small`, s.status));
    link.querySelector(".badge")!.setAttribute("data-state", s.status);
    link.addEventListener("click", (e) => {
      if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return; // a new tab opens it by its address
      e.preventDefault();
      this.events.open(s.id);
    });
    const meta = el("div", "session-meta");
    meta.append(
      el("span", undefined, s.template),
      el("span", undefined, `created ${when(s.createdAt)}`),
      el("span", undefined, `active ${when(s.lastActivityAt)}`),
    );
    const remove = el("button", "session-delete", "Delete");
    remove.type = "button";
    remove.dataset.testid = "delete-session-item";
    remove.title = "Delete this session and its sandbox";
    remove.addEventListener("click", async () => {
      if (!window.confirm(`Delete session ${s.name || s.id}? Its sandbox and files go; its history stays readable.`)) return;
      remove.disabled = true;
      try {
        await this.events.remove(s);
        await this.refresh();
      } catch (e) {
        remove.disabled = false;
        this.events.failed("Could not delete the session", e);
      }
    });
    li.append(link, meta, remove);
    return li;
  }
}

function when(iso: string): string {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return "";
  const seconds = Math.round((Date.now() - t.getTime()) / 1000);
  if (seconds < 60) return "just now";
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ago`;
  return t.toLocaleString();
}
