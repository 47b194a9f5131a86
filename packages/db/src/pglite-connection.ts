// node-postgres over a PGlite thread: the connection object a pg Client uses (as
// @electric-sql/pglite/node-postgres does in-process), except that the messages cross to the
// worker (pglite-thread.ts) as bytes and its answers come back as bytes, parsed here by pg's own
// parser. The messages a query sends in one go (parse, bind, describe, execute, sync) cross
// together.
import { EventEmitter } from 'node:events';
import { serialize } from 'pg-protocol';
import { Parser } from 'pg-protocol/dist/parser.js';
import type { PgliteThread } from './pglite-thread';

type Message = { name: string };

/** pg's connection interface, backed by a PGlite thread. One session: pool it with `max: 1`. */
export class PgliteThreadConnection extends EventEmitter {
  _connecting = false;
  readonly stream = { destroy: () => this.end() };
  parsedStatements = {};
  submittedNamedStatements = {};
  readonly #thread: Promise<PgliteThread>;
  readonly #parser = new Parser();
  #batch: Uint8Array[] = [];
  #emitMessage = false;
  /** Answers are emitted in the order the messages were sent. */
  #chain: Promise<unknown> = Promise.resolve();

  constructor(thread: Promise<PgliteThread>) {
    super();
    this.#thread = thread;
    this.on('newListener', (event) => {
      if (event === 'message') this.#emitMessage = true;
    });
  }

  async connect(_port: number, _host: string): Promise<void> {
    this._connecting = true;
    // Ready once PGlite is: a thread that failed to open fails the connection.
    this.#thread.then(
      () => process.nextTick(() => this.emit('readyForQuery')),
      (error) => this.emit('error', error),
    );
  }

  #send(bytes: Uint8Array): void {
    this.#batch.push(bytes);
    if (this.#batch.length > 1) return;
    queueMicrotask(() => {
      const batch = this.#batch;
      this.#batch = [];
      const answer = this.#thread.then((thread) => thread.exec(batch));
      this.#chain = this.#chain
        .then(() => answer)
        .then((bytes) => {
          this.#parser.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), (message: Message) => {
            if (this.#emitMessage) this.emit('message', message);
            this.emit(message.name === 'error' ? 'errorMessage' : message.name, message);
          });
        })
        .catch((error) => {
          this.emit('error', error);
        });
    });
  }

  requestSsl(): void {}
  startup(_config: unknown): void {}
  cancel(_processID: unknown, _secretKey: unknown): void {}
  password(_password: string): void {}
  sendSASLInitialResponseMessage(mechanism: string, initialResponse: string): void {
    this.#send(serialize.sendSASLInitialResponseMessage(mechanism, initialResponse));
  }
  sendSCRAMClientFinalMessage(additionalData: string): void {
    this.#send(serialize.sendSCRAMClientFinalMessage(additionalData));
  }
  query(text: string): void {
    this.#send(serialize.query(text));
  }
  parse(query: Parameters<typeof serialize.parse>[0]): void {
    this.#send(serialize.parse(query));
  }
  bind(config: Parameters<typeof serialize.bind>[0]): void {
    this.#send(serialize.bind(config));
  }
  execute(config: Parameters<typeof serialize.execute>[0]): void {
    this.#send(serialize.execute(config));
  }
  flush(): void {
    this.#send(serialize.flush());
  }
  sync(): void {
    this.#send(serialize.sync());
  }
  end(): void {
    this.#chain = this.#chain.then(() => {
      this.emit('end');
    });
    for (const event of this.eventNames()) if (event !== 'newListener') this.removeAllListeners(event);
    this.#emitMessage = false;
  }
  close(msg: Parameters<typeof serialize.close>[0]): void {
    this.#send(serialize.close(msg));
  }
  describe(msg: Parameters<typeof serialize.describe>[0]): void {
    this.#send(serialize.describe(msg));
  }
  sendCopyFromChunk(chunk: Buffer): void {
    this.#send(serialize.copyData(chunk));
  }
  endCopyFrom(): void {
    this.#send(serialize.copyDone());
  }
  sendCopyFail(msg: string): void {
    this.#send(serialize.copyFail(msg));
  }
  ref(): void {}
  unref(): void {}
}
