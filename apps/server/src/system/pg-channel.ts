/**
 * One PostgreSQL LISTEN/NOTIFY channel between the server processes on one database, on a
 * dedicated connection of the pool. A notification is only a hint that something changed (the
 * store stays the truth); when the listening connection is lost and found again, `onReconnect`
 * lets the caller re-read whatever it may have missed. Live rooms (`maillage_live`) and check-in
 * counts (`maillage_attendance`) each use one.
 */
export interface PgChannel {
  publish(payload: string): Promise<void>;
  close(): Promise<void>;
}

export interface PgListener {
  on(event: 'notification', listener: (msg: { channel: string; payload?: string }) => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  query(text: string, values: unknown[]): Promise<unknown>;
  release(error?: Error | boolean): void;
}

export interface PgChannelPool {
  connect(): Promise<PgListener>;
  query(text: string, values: unknown[]): Promise<unknown>;
}

/** Listens on `channel` (a plain identifier) and calls `onPayload` for each notification. */
export async function pgChannel(
  pool: PgChannelPool,
  channel: string,
  onPayload: (payload: string) => void,
  onReconnect: () => void,
  log?: { error(obj: unknown, msg?: string): void },
): Promise<PgChannel> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`invalid channel name: ${channel}`);
  let client: PgListener | undefined;
  let releaseClient: () => void = () => {};
  let stopped = false;
  const listen = async (): Promise<void> => {
    const c = await pool.connect();
    // This connection is ours until released, once: after that (closing, or a first error) the
    // pool owns it again and its own handlers deal with what happens to it.
    let mine = true;
    c.on('notification', (msg: { channel: string; payload?: string }) => {
      if (!mine || msg.channel !== channel || !msg.payload) return;
      onPayload(msg.payload);
    });
    c.on('error', (error: unknown) => {
      if (!mine || stopped) return;
      mine = false;
      log?.error(error, `${channel} : connexion LISTEN perdue, reconnexion`);
      c.release(error instanceof Error ? error : true);
      client = undefined;
      const retry = () => {
        if (stopped) return;
        listen()
          .then(onReconnect)
          .catch(() => setTimeout(retry, 1000));
      };
      setTimeout(retry, 200);
    });
    await c.query(`listen ${channel}`, []);
    client = c;
    releaseClient = () => {
      if (!mine) return;
      mine = false;
      c.release();
    };
  };
  await listen();
  return {
    async publish(payload) {
      await pool.query('select pg_notify($1, $2)', [channel, payload]);
    },
    async close() {
      stopped = true;
      const c = client;
      client = undefined;
      if (c) {
        await c.query(`unlisten ${channel}`, []).catch(() => {});
        releaseClient();
      }
    },
  };
}
