// The SignalR connection of one session (DESIGN §3.3): frames in, input and resize out.
import { HubConnection, HubConnectionBuilder, HubConnectionState, LogLevel } from "@microsoft/signalr";
import { Frame } from "./frames";

export interface HubEvents {
  frames(batch: Frame[]): void;
  /** connecting, live, reconnecting, offline */
  state(state: string): void;
  /** something failed that the person should know about */
  failed(what: string, error: unknown): void;
  /** where to resume from after a reconnect */
  lastFrameId(): string | null;
}

const MAX_PENDING_INPUT = 64 * 1024;

export class SessionHub {
  private readonly connection: HubConnection;
  /** Input typed while the connection is down (or catching up), sent in order once it is back. */
  private pending: string[] = [];
  private pendingChars = 0;
  private flowing = false;
  private stopped = false;
  private inputFailed = false;

  constructor(
    readonly sessionId: string,
    token: string,
    private readonly events: HubEvents,
  ) {
    this.connection = new HubConnectionBuilder()
      .withUrl("/hubs/sessions", { accessTokenFactory: () => token })
      // Never give up: 0, 1, 2, 4, 8 s, then every 10 s. Subscribe(lastId) on reconnect loses nothing.
      .withAutomaticReconnect({
        nextRetryDelayInMilliseconds: (ctx) => Math.min(10000, ctx.previousRetryCount === 0 ? 0 : 1000 * 2 ** (ctx.previousRetryCount - 1)),
      })
      .configureLogging(LogLevel.Warning)
      .build();

    this.connection.on("frames", (batch: Frame[]) => events.frames(batch));
    this.connection.onreconnecting(() => {
      this.flowing = false;
      events.state("reconnecting");
    });
    this.connection.onreconnected(async () => {
      events.state("live");
      try {
        await this.subscribe();
      } catch (e) {
        events.failed("Could not resubscribe", e);
      }
    });
    this.connection.onclose((e) => {
      this.flowing = false;
      if (this.stopped) return;
      events.state("offline");
      if (e) events.failed("Connection lost", e);
    });
  }

  async start(): Promise<void> {
    this.events.state("connecting");
    await this.connection.start();
    this.events.state("live");
    await this.subscribe();
  }

  /** Any hub method, for the page's debug hook. */
  invoke(method: string, ...args: unknown[]): Promise<unknown> {
    return this.connection.invoke(method, ...args);
  }

  stop(): void {
    this.stopped = true;
    if (this.connection.state !== HubConnectionState.Disconnected) void this.connection.stop();
  }

  /**
   * Bytes for the PTY / stdin of the current run. Fire and forget: invocations on one connection
   * reach the hub in order and it handles them one at a time, so keystrokes stay in order without
   * waiting for each round trip.
   */
  sendInput(data: string): void {
    if (!data) return;
    if (!this.flowing || this.pending.length > 0) {
      if (this.pendingChars + data.length > MAX_PENDING_INPUT) return; // offline for long: drop, don't hoard
      this.pending.push(data);
      this.pendingChars += data.length;
      return;
    }
    this.invokeInput(data);
  }

  /** PTY size; the latest wins, so a resize while offline is simply skipped. */
  resize(cols: number, rows: number): void {
    if (!this.flowing) return;
    this.connection.invoke("Resize", this.sessionId, cols, rows).catch((e) => console.debug("resize not applied", e));
  }

  private async subscribe(): Promise<void> {
    await this.connection.invoke("Subscribe", this.sessionId, this.events.lastFrameId());
    this.flowing = true;
    this.inputFailed = false;
    const queued = this.pending;
    this.pending = [];
    this.pendingChars = 0;
    if (queued.length > 0) this.invokeInput(queued.join(""));
  }

  private invokeInput(data: string): void {
    this.connection.invoke("SendInput", this.sessionId, data).then(
      () => (this.inputFailed = false),
      (e) => {
        // One banner for a burst of failed keystrokes, not one per key.
        if (!this.inputFailed) this.events.failed("Input not delivered", e);
        this.inputFailed = true;
      },
    );
  }
}
