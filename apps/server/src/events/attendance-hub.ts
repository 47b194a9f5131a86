import type { AppDeps } from '../deps';

/**
 * In-process news of check-ins, walk-ins and cancellations per event, so the check-in phones
 * connected to this server see each other's arrivals at once (server-sent events). Another
 * server process does not hear it: each stream also re-reads the counts every few seconds.
 */
export class AttendanceHub {
  private readonly listeners = new Map<string, Set<() => void>>();

  subscribe(eventId: string, listener: () => void): () => void {
    let set = this.listeners.get(eventId);
    if (!set) this.listeners.set(eventId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(eventId);
    };
  }

  notify(eventId: string): void {
    for (const listener of this.listeners.get(eventId) ?? []) listener();
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
