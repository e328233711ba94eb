// What every session view (shell, terminal, agent) offers the page, and what the page offers it.
import { Frame } from "../frames";

/** How the page's command box looks and whether it is shown at all for a view. */
export interface CommandBox {
  /** the prompt sign left of the box */
  symbol: string;
  placeholder: string;
  button: string;
}

export interface SessionView {
  /** shell, terminal or agent: window.__sandbox.view and the console's data-view */
  readonly kind: string;
  /** The command box, or null when the view takes its input itself (the terminal). */
  readonly commandBox: CommandBox | null;
  /** Every frame of the session, in order, after the page has handled its own part (status, steps, banner). */
  frame(frame: Frame): void;
  /** The person started a run from the command box; its frames follow. */
  runSubmitted(runId: string, text: string): void;
  /** The view's text for tests and debugging (the terminal's buffer). */
  text(): string;
  /** The reader is at the start of what the view shows (or it does not fill its room): time for older history. */
  atStart(): boolean;
  /** How far the reader is from the end, so a view rebuilt with older frames in front can keep their place. */
  distanceFromEnd(): number;
  /** Puts the reader back that far from the end, once the rebuilt view has all its frames. */
  restoreDistanceFromEnd(distance: number): void;
  dispose(): void;
}

/** The page's services a view may use. */
export interface ViewContext {
  /** where the view draws (the output panel) */
  host: HTMLElement;
  session: { id: string; token: string };
  /** true when this page just created the session; false when it resumed one (a reload) */
  fresh: boolean;
  /** a share link's viewer: no input, no stop, no runs (the server refuses them too) */
  readOnly: boolean;
  sendInput(data: string): void;
  /** asks the Api to stop a run (SIGTERM, then SIGKILL); its process-exit frame follows */
  stopRun(runId: string): void;
  resize(cols: number, rows: number): void;
  /** the reader reached the start of what is shown: the page loads the history before it (if any) */
  loadOlder(): void;
  showError(title: string, lines?: string[]): void;
  showApiError(error: unknown, what: string): void;
}
