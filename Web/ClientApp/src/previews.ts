// Preview links: each port a sandbox exposes opens at its own origin ({port}-{session}.preview.localhost). The link
// carries the page's session token once; the preview origin turns it into its own cookie and drops it from the address.

export interface PreviewLink {
  port: number;
  url: string;
}

let shownFor: string | null = null;

/** Shows the session's preview links under the session card, replacing any earlier ones. */
export function showPreviewLinks(card: HTMLElement, sessionId: string, token: string, previews: unknown): void {
  const links = Array.isArray(previews) ? (previews as PreviewLink[]).filter((p) => typeof p?.url === "string") : [];
  if (links.length === 0 && shownFor === sessionId) return;
  clearPreviewLinks(card);
  if (links.length === 0) return;
  shownFor = sessionId;
  const list = document.createElement("div");
  list.className = "preview-links";
  list.dataset.testid = "preview-links";
  for (const p of links) {
    const a = document.createElement("a");
    a.href = `${p.url}?sandbox_token=${encodeURIComponent(token)}`;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    a.textContent = `Open port ${p.port}`;
    a.title = p.url;
    a.dataset.testid = "preview-link";
    list.append(a);
  }
  card.append(list);
}

export function clearPreviewLinks(card: HTMLElement): void {
  shownFor = null;
  card.querySelector(".preview-links")?.remove();
}
