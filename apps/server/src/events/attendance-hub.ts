import type { AppDeps } from '../deps';
import type { PgChannel } from '../system/pg-channel';

/**
 * News of check-ins, walk-ins and cancellations per event, so the check-in phones see each
 * other's arrivals at once (server-sent events). On PostgreSQL the news also goes to the other
 * server processes through NOTIFY (`maillage_attendance`, the event's id), as for live rooms: a
 * phone on one process hears a check-in made on another; the counts are always re-read from the
 * store, the notification is only a hint.
 */
export class AttendanceHub {
  private readonly listeners = new Map<string, Set<() => void>>();
  private channel: PgChannel | undefined;
  private log: { error(obj: unknown, msg?: string): void } | undefined;

  /** Tells the other processes too (PostgreSQL); set once, when the app is built. */
  useChannel(channel: PgChannel, log?: { error(obj: unknown, msg?: string): void }): void {
    this.channel = channel;
    this.log = log;
  }

  async closeChannel(): Promise<void> {
    const channel = this.channel;
    this.channel = undefined;
    await channel?.close();
  }

  subscribe(eventId: string, listener: () => void): () => void {
    let set = this.listeners.get(eventId);
    if (!set) this.listeners.set(eventId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(eventId);
    };
  }

  /** Something changed the counts of `eventId` here: this process's streams and the other processes'. */
  notify(eventId: string): void {
    this.heard(eventId);
    this.channel?.publish(eventId).catch((error) => this.log?.error(error, 'présences : NOTIFY'));
  }

  /** Another process changed the counts of `eventId`: this process's streams re-read them. */
  heard(eventId: string): void {
    for (const listener of this.listeners.get(eventId) ?? []) listener();
  }

  /** The notifications may have been missed (the listening connection was lost): every stream re-reads. */
  heardAll(): void {
    for (const eventId of [...this.listeners.keys()]) this.heard(eventId);
  }

  private readonly streams = new Set<() => void>();

  /** An open stream, ended by `closeAll` when the server stops (it would otherwise hold the close). */
  track(end: () => void): () => void {
    this.streams.add(end);
    return () => this.streams.delete(end);
  }

  closeAll(): void {
    for (const end of [...this.streams]) end();
    this.streams.clear();
  }

  listenerCount(eventId: string): number {
    return this.listeners.get(eventId)?.size ?? 0;
  }
}

const hubs = new WeakMap<AppDeps, AttendanceHub>();

/** The app's attendance hub (one per app, as the rate limiter). */
export function attendanceHub(deps: AppDeps): AttendanceHub {
  let hub = hubs.get(deps);
  if (!hub) hubs.set(deps, (hub = new AttendanceHub()));
  return hub;
}
