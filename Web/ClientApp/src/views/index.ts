// Picks the view for a session from its template's kind (GET /app/templates).
import { AgentView } from "./agentView";
import { ShellView } from "./shellView";
import { TerminalView } from "./terminalView";
import { SessionView, ViewContext } from "./view";

export function createView(kind: string | undefined, ctx: ViewContext): SessionView {
  switch (kind) {
    case "terminal":
      return new TerminalView(ctx);
    case "agent":
      return new AgentView(ctx);
    default:
      return new ShellView(ctx);
  }
}
