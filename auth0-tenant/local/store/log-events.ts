import { randomBytes } from "node:crypto";

/** Auth0's log event types the local tenant records (https://auth0.com/docs/deploy-monitor/logs/log-event-type-codes). */
export type LogEventType = "s" | "f" | "fp" | "fu" | "ss" | "fs" | "seacft" | "feacft" | "slo";

export interface LogEvent {
  log_id: string;
  date: string;
  type: LogEventType;
  description: string;
  client_id?: string;
  client_name?: string;
  ip?: string;
  user_agent?: string;
  user_id?: string;
  user_name?: string;
  connection?: string;
  connection_id?: string;
  strategy?: string;
  strategy_type?: string;
  hostname?: string;
}

export type NewLogEvent = Omit<LogEvent, "log_id" | "date">;

/** How many events are kept: the newest win, as Auth0 keeps a plan's retention window. */
const RETENTION = 5000;

/**
 * The tenant's log of logins and failures, in memory (a restart starts a new log): appending must cost a login
 * nothing measurable, and the log is for looking at recent activity, as on Auth0.
 */
export class LogEventStore {
  private readonly events: LogEvent[] = [];
  private sequence = 0;

  constructor(private readonly now: () => number) {}

  record(event: NewLogEvent): LogEvent {
    this.sequence += 1;
    const stamp = this.now();
    // Auth0's log ids sort by time; a zero-padded time and sequence keep that order.
    const logId = `${String(stamp).padStart(15, "0")}${String(this.sequence).padStart(8, "0")}${randomBytes(4).toString("hex")}`;
    const entry: LogEvent = { log_id: logId, date: new Date(stamp).toISOString(), ...event };
    this.events.push(entry);
    if (this.events.length > RETENTION) this.events.splice(0, this.events.length - RETENTION);
    return entry;
  }

  /** Newest first. */
  list(): LogEvent[] {
    return [...this.events].reverse();
  }

  get(logId: string): LogEvent | undefined {
    return this.events.find((event) => event.log_id === logId);
  }
}
