// The PGlite thread: a worker (node:worker_threads) that opens PGlite and executes the wire
// protocol messages the main thread sends it (see pglite-thread.ts). Imports PGlite only, so it
// starts in a fraction of a second while the main thread loads the application.
import { parentPort, workerData } from 'node:worker_threads';
import { createPglite } from './pglite';

export interface PgliteWorkerData {
  readonly dataDir: string;
  /** A prepared data folder (tar.gz) to start from when the folder is new. */
  readonly template?: ArrayBuffer;
}

export type PgliteRequest =
  | { readonly id: number; readonly op: 'exec'; readonly messages: Uint8Array[] }
  | { readonly id: number; readonly op: 'dump' }
  | { readonly id: number; readonly op: 'close' };

export type PgliteReply =
  | { readonly op: 'ready' }
  | { readonly id: number; readonly ok: true; readonly data?: Uint8Array | ArrayBuffer }
  | { readonly id: number; readonly ok: false; readonly message: string };

const port = parentPort;
if (!port) throw new Error('pglite-worker.ts runs in a worker thread');
const { dataDir, template } = workerData as PgliteWorkerData;

// A failure to open ends the worker with its error, which the main thread reports.
const pglite = await createPglite(dataDir, template ? new Blob([template]) : undefined);

/** One request at a time, in the order they came: PGlite is one session. */
let queue: Promise<unknown> = Promise.resolve();

async function handle(request: PgliteRequest): Promise<void> {
  try {
    if (request.op === 'exec') {
      // Each message as the in-process bridge (node-postgres) sends it; the answers, concatenated.
      const answers: Uint8Array[] = [];
      let length = 0;
      for (const message of request.messages) {
        const answer = await pglite.execProtocolRaw(message);
        answers.push(answer);
        length += answer.length;
      }
      const data = answers.length === 1 ? (answers[0] as Uint8Array) : new Uint8Array(length);
      if (answers.length !== 1) {
        let at = 0;
        for (const a of answers) {
          data.set(a, at);
          at += a.length;
        }
      }
      // execProtocolRaw answers a copy of its buffer: it can move to the main thread.
      const transferable = data.byteOffset === 0 && data.byteLength === data.buffer.byteLength;
      const sent = transferable ? data : data.slice();
      port?.postMessage({ id: request.id, ok: true, data: sent } satisfies PgliteReply, [sent.buffer as ArrayBuffer]);
    } else if (request.op === 'dump') {
      const dump = await (await pglite.dumpDataDir('gzip')).arrayBuffer();
      port?.postMessage({ id: request.id, ok: true, data: dump } satisfies PgliteReply, [dump]);
    } else {
      await pglite.close();
      port?.postMessage({ id: request.id, ok: true } satisfies PgliteReply);
      port?.close();
    }
  } catch (error) {
    port?.postMessage({ id: request.id, ok: false, message: (error as Error).message } satisfies PgliteReply);
  }
}

port.on('message', (request: PgliteRequest) => {
  queue = queue.then(() => handle(request));
});
port.postMessage({ op: 'ready' } satisfies PgliteReply);
