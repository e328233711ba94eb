// A reopened session's history, a page at a time from the newest end back (GET /app/sessions/{id}/history): the page
// shows the newest frames at once and the hub resumes after the last of them; older pages come only when the reader
// scrolls back to the start of what is shown.
import { getHistory } from "./api";
import { Frame } from "./frames";

/** Frames per page. Tests make it small (window.__sandboxHistoryPageSize, set before the page loads) to see paging. */
const PAGE_SIZE = Math.min(500, Math.max(1, Number((window as unknown as { __sandboxHistoryPageSize?: number }).__sandboxHistoryPageSize) || 200));

export class SessionHistory {
  /** id of the oldest frame shown: the next page ends before it */
  private oldest: string | null = null;
  private more: boolean;
  private loading = false;
  /** pages read so far (for tests and debugging) */
  pages = 0;

  /** A session this page just created has no history to page through: the hub replays its first frames. */
  constructor(
    private readonly sessionId: string,
    private readonly token: string,
    resumed: boolean,
  ) {
    this.more = resumed;
  }

  /** Older frames exist that are not shown. */
  get hasOlder(): boolean {
    return this.more;
  }

  /** The newest page; the hub subscribes after its last frame. */
  async newest(): Promise<Frame[]> {
    return (await this.read(null)) ?? [];
  }

  /** The page before the oldest frame shown, or null when there is none (or one is being read). */
  async older(): Promise<Frame[] | null> {
    if (!this.more || this.loading) return null;
    return this.read(this.oldest);
  }

  /** Frames dropped from the front of what is shown (a very long live session) can be read again later. */
  forgetBefore(id: string): void {
    this.oldest = id;
    this.more = true;
  }

  private async read(before: string | null): Promise<Frame[] | null> {
    this.loading = true;
    try {
      const page = await getHistory(this.sessionId, this.token, before, PAGE_SIZE);
      this.pages++;
      const frames = Array.isArray(page.frames) ? page.frames : [];
      if (frames.length > 0) this.oldest = frames[0].id;
      this.more = page.hasMore && frames.length > 0;
      return frames;
    } finally {
      this.loading = false;
    }
  }
}
