// DOM helpers and the page's fixed elements (index.html).

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function byTestId<T extends HTMLElement>(id: string): T {
  const node = document.querySelector<T>(`[data-testid="${id}"]`);
  if (!node) throw new Error(`missing element data-testid=${id}`);
  return node;
}

export const ui = {
  templateSelect: byTestId<HTMLSelectElement>("template-select"),
  templateDesc: byTestId<HTMLElement>("template-description"),
  start: byTestId<HTMLButtonElement>("start-session"),
  sessionInfo: byTestId<HTMLElement>("session-info"),
  sessionId: byTestId<HTMLElement>("session-id"),
  sessionTemplate: byTestId<HTMLElement>("session-template"),
  status: byTestId<HTMLElement>("session-status"),
  connection: byTestId<HTMLElement>("connection-status"),
  steps: byTestId<HTMLOListElement>("progress-steps"),
  console: byTestId<HTMLElement>("console"),
  error: byTestId<HTMLElement>("error"),
  output: byTestId<HTMLElement>("output"),
  form: byTestId<HTMLFormElement>("command-form"),
  prompt: byTestId<HTMLElement>("command-prompt"),
  input: byTestId<HTMLInputElement>("command-input"),
  run: byTestId<HTMLButtonElement>("run-command"),
  viewerBanner: byTestId<HTMLElement>("viewer-banner"),
  fileInput: byTestId<HTMLInputElement>("file-input"),
  fileDrop: byTestId<HTMLElement>("file-drop"),
  fileList: byTestId<HTMLUListElement>("file-list"),
  share: byTestId<HTMLButtonElement>("share-session"),
  shareLink: byTestId<HTMLInputElement>("share-link"),
  delete: byTestId<HTMLButtonElement>("delete-session"),
  retry: byTestId<HTMLButtonElement>("retry-session"),
  sessions: byTestId<HTMLUListElement>("sessions-list"),
  sessionsMore: byTestId<HTMLButtonElement>("sessions-more"),
  signin: byTestId<HTMLElement>("signin"),
  signinForm: byTestId<HTMLFormElement>("signin-form"),
  signinKey: byTestId<HTMLInputElement>("signin-key"),
  signinOidc: byTestId<HTMLAnchorElement>("signin-oidc"),
  user: byTestId<HTMLElement>("user"),
  signout: byTestId<HTMLButtonElement>("signout"),
};

/** True when the output panel is scrolled to (or near) its end. */
export function atBottom(node: HTMLElement): boolean {
  return node.scrollHeight - node.scrollTop - node.clientHeight < 48;
}

/** Runs a layout change (the error banner takes room from the output) without losing the bottom. */
export function keepingOutputBottom(change: () => void): void {
  const stick = atBottom(ui.output);
  change();
  if (stick) ui.output.scrollTop = ui.output.scrollHeight;
}

export function formatDuration(micros: number): string {
  const ms = micros / 1000;
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10000 ? 2 : 1)} s`;
}
