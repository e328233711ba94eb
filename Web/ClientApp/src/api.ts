// The few REST calls the page makes, all same-origin under /app (Web forwards them to the Api).
import { Frame } from "./frames";

export interface Template {
  name: string;
  description?: string;
  kind?: string;
}

export interface CreatedSession {
  id: string;
  template: string;
  status: string;
  token: string;
  viewerToken: string;
}

export interface QueuedRun {
  runId: string;
  status: string;
}

/** What a run is given: a prompt (the template's prompt command), an argv, or neither (its default command). */
export interface RunRequest {
  prompt?: string;
  command?: string[];
}

export interface SessionDetails {
  id: string;
  template: string;
  status: string;
  runs: { id: string; status: string; exitCode: number | null }[];
}

/** An HTTP failure, carrying the RFC 7807 ProblemDetails fields when the server sent them. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: Record<string, string[]>,
  ) {
    super(detail ? `${title}: ${detail}` : title);
  }

  /** One line per validation error, e.g. "prompt: must not be empty". */
  fieldMessages(): string[] {
    if (!this.errors) return [];
    return Object.entries(this.errors).flatMap(([field, msgs]) =>
      (Array.isArray(msgs) ? msgs : [String(msgs)]).map((m) => (field ? `${field}: ${m}` : m)),
    );
  }
}

export const SHELL_FALLBACK: Template[] = [
  { name: "shell", description: "Runs commands with bash -lc", kind: "shell" },
];

export async function getTemplates(): Promise<Template[]> {
  try {
    const list = await request<Template[]>("GET", "/app/templates");
    return Array.isArray(list) && list.length > 0 ? list : SHELL_FALLBACK;
  } catch {
    return SHELL_FALLBACK;
  }
}

export interface WorkspaceFile {
  path: string;
  content: string;
}

export interface SessionSummary {
  id: string;
  template: string;
  name: string | null;
  status: string;
  createdAt: string;
  lastActivityAt: string;
}

export interface SessionList {
  sessions: SessionSummary[];
  next: string | null;
}

export function createSession(template: string, files: WorkspaceFile[] = []): Promise<CreatedSession> {
  return request<CreatedSession>("POST", "/app/sessions", files.length > 0 ? { template, files } : { template });
}

/** This browser user's sessions, newest first, a page at a time. */
export function listSessions(cursor: string | null, limit = 50): Promise<SessionList> {
  const query = `?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
  return request<SessionList>("GET", `/app/sessions${query}`);
}

/** A fresh token for one of this user's sessions (owner), or a read-only one for a share link (viewer). */
export function getAccess(sessionId: string, role: "owner" | "viewer"): Promise<{ token: string; role: string }> {
  return request("GET", `/app/sessions/${encodeURIComponent(sessionId)}/access${role === "viewer" ? "?role=viewer" : ""}`);
}

export interface Me {
  required: boolean;
  signedIn: boolean;
  name: string | null;
  keySignIn: boolean;
  oidcSignIn: boolean;
}

export function getMe(): Promise<Me> {
  return request<Me>("GET", "/app/me");
}

export function signIn(key: string): Promise<void> {
  return request<void>("POST", "/app/signin", { key });
}

export function signOut(): Promise<void> {
  return request<void>("POST", "/app/signout");
}

export function deleteSession(sessionId: string, token: string): Promise<void> {
  return request<void>("DELETE", `/app/sessions/${encodeURIComponent(sessionId)}`, undefined, token);
}

export function stopRun(sessionId: string, token: string, runId: string): Promise<void> {
  return request<void>("POST", `/app/sessions/${encodeURIComponent(sessionId)}/runs/${encodeURIComponent(runId)}/stop`, undefined, token);
}

export function getSession(sessionId: string, token: string): Promise<SessionDetails> {
  return request<SessionDetails>("GET", `/app/sessions/${encodeURIComponent(sessionId)}`, undefined, token);
}

/** Frames oldest first; hasMore: there are older ones before the first. */
export interface HistoryPage {
  frames: Frame[];
  hasMore: boolean;
}

/** A page of a session's history: the newest frames (before = null), or the ones just before a frame id. */
export function getHistory(sessionId: string, token: string, before: string | null, limit: number): Promise<HistoryPage> {
  const query = `?limit=${limit}${before ? `&before=${encodeURIComponent(before)}` : ""}`;
  return request<HistoryPage>("GET", `/app/sessions/${encodeURIComponent(sessionId)}/history${query}`, undefined, token);
}

export function startRun(sessionId: string, token: string, run: RunRequest): Promise<QueuedRun> {
  return request<QueuedRun>("POST", `/app/sessions/${encodeURIComponent(sessionId)}/runs`, run, token);
}

async function request<T>(method: string, url: string, body?: unknown, token?: string): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (token) headers["Authorization"] = `Bearer ${token}`;

  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, "Network error", e instanceof Error ? e.message : String(e));
  }

  const text = await response.text();
  let json: any = undefined;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      /* not JSON */
    }
  }
  if (!response.ok) {
    const title = (json && typeof json.title === "string" && json.title) || `${response.status} ${response.statusText}`.trim();
    // A plain-text body says something; an HTML error page (a proxy's, a dev server's) does not.
    const plain = !json && text && !/^\s*</.test(text) ? text.trim().slice(0, 300) : undefined;
    const detail = json && typeof json.detail === "string" ? json.detail : plain;
    throw new ApiError(response.status, title, detail, json?.errors);
  }
  return json as T;
}
