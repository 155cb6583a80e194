import { EventEmitter } from 'node:events';
import path from 'node:path';
import { BroadcastChannel, Worker } from 'node:worker_threads';
import {
  type DeadLetter,
  type DeadLetterFilter,
  EventBus,
  type EventSubscription,
  type SerializedEvent,
} from '@liaison/messaging';
import { type DeadLetterMethod, type DeliveryWorkerData, type FromDelivery, fromThreadError, NUDGE_CHANNEL, type ToDelivery } from './thread-protocol';

/** How long the start may take: the services' applications are built a second time there. */
const READY_WITHIN_MS = 120_000;

/**
 * The delivery thread, seen from the main thread: one `Worker` (delivery-worker.ts) that runs every
 * service's consumers, outbox relays and background work on the in-process bus. Any failure of it
 * (an error it did not catch, running out of its heap, an exit nobody asked for) is reported once
 * to `onFailure`: a process that serves HTTP but delivers nothing must not go on.
 */
export class DeliveryThread {
  private readonly worker: Worker;
  private readonly calls = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private nextCall = 1;
  private state: 'starting' | 'ready' | 'stopping' | 'ended' = 'starting';
  private readonly ready: Promise<void>;
  private readonly ended: Promise<void>;
  private stopped?: () => void;
  private failureListener: (error: Error) => void = () => undefined;
  private failure: Error | undefined;

  private constructor(data: DeliveryWorkerData, script: string) {
    this.worker = new Worker(script, {
      workerData: data,
      // the preloaded tools/register-paths.js finds the compiled tree from the script's path, which a
      // worker's process.argv lacks while preloads run (its argv is only what is given here)
      argv: [script],
      // the heap options the process was given (`npm start`: those of deploy/node-options) hold for this thread's heap too
      resourceLimits: heapLimits(process.execArgv),
    });
    let settleReady!: { resolve: () => void; reject: (error: Error) => void };
    this.ready = new Promise((resolve, reject) => (settleReady = { resolve, reject }));
    this.ended = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    const fail = (error: Error) => {
      if (this.state === 'ended' || this.state === 'stopping') return;
      const wasReady = this.state === 'ready';
      this.state = 'ended';
      for (const call of this.calls.values()) call.reject(error);
      this.calls.clear();
      if (wasReady) {
        this.failure = error;
        this.failureListener(error);
      }
      else settleReady.reject(error);
    };
    this.worker.on('message', (message: FromDelivery) => {
      if (message.kind === 'ready') {
        this.state = 'ready';
        settleReady.resolve();
      } else if (message.kind === 'stopped') {
        this.stopped?.();
      } else if (message.kind === 'reply') {
        const call = this.calls.get(message.id);
        this.calls.delete(message.id);
        if (message.error) call?.reject(fromThreadError(message.error));
        else call?.resolve(message.result);
      }
    });
    this.worker.on('error', (error) => fail(new Error(`the delivery thread failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`)));
    this.worker.on('exit', (code) => fail(new Error(`the delivery thread exited (code ${code}) while the process serves`)));
  }

  /**
   * Starts the thread and waits until every consumer is subscribed and every relay started.
   * `script`: delivery-worker beside this file, compiled (`npm start`) or TypeScript when run from
   * source under a register hook, which the worker inherits with the process's options (another
   * script in tests of the thread's failures).
   */
  static async start(data: DeliveryWorkerData, script = path.join(__dirname, `delivery-worker${path.extname(__filename)}`)): Promise<DeliveryThread> {
    const thread = new DeliveryThread(data, script);
    const timer = setTimeout(() => void thread.worker.terminate(), READY_WITHIN_MS);
    try {
      await thread.ready;
    } catch (error) {
      await thread.worker.terminate();
      throw error;
    } finally {
      clearTimeout(timer);
    }
    return thread;
  }

  /** Called once if the thread fails after its start. */
  onFailure(listener: (error: Error) => void): void {
    this.failureListener = listener;
    if (this.failure) listener(this.failure);
  }

  get isRunning(): boolean {
    return this.state === 'ready';
  }

  call<T>(method: DeadLetterMethod, args: unknown[]): Promise<T> {
    if (this.state !== 'ready') return Promise.reject(new Error('the delivery thread is not running'));
    const id = this.nextCall++;
    return new Promise<T>((resolve, reject) => {
      this.calls.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.post({ kind: 'call', id, method, args });
    });
  }

  /**
   * Stops the thread's relays (what they had not published stays unsent), its bus and its
   * applications, then the thread. A thread that does not stop within `timeoutMs` is terminated:
   * the outbox keeps what was not delivered.
   */
  async stop(timeoutMs = 20_000): Promise<void> {
    if (this.state === 'ended') return;
    this.state = 'stopping';
    const stopped = new Promise<void>((resolve) => (this.stopped = resolve));
    this.post({ kind: 'stop' });
    const timer = setTimeout(() => void this.worker.terminate(), timeoutMs);
    await Promise.race([stopped, this.ended]);
    clearTimeout(timer);
    await this.worker.terminate();
    this.state = 'ended';
  }

  private post(message: ToDelivery): void {
    this.worker.postMessage(message);
  }
}

/**
 * The event bus of the HTTP thread's applications. They publish nothing (their relays are off)
 * and consume nothing (no consumers there): a relay or a consumer here would take events the
 * delivery thread's consumers never see, so both refuse loudly. The dead letters are the delivery
 * thread's bus's (a replay runs its consumer's handler there); nudges from the consumers there
 * reach the live feeds here through a `BroadcastChannel`.
 */
export class ThreadBus extends EventBus {
  private readonly nudges = new EventEmitter().setMaxListeners(0);
  private readonly channel = new BroadcastChannel(NUDGE_CHANNEL);
  private thread: DeliveryThread | undefined;
  private closed = false;

  constructor() {
    super();
    this.channel.onmessage = (message) => this.nudges.emit(String((message as { data: unknown }).data));
    this.channel.unref();
  }

  publishSerialized(subject: string, event: SerializedEvent): Promise<{ duplicate: boolean }> {
    return Promise.reject(new Error(`the HTTP thread does not publish events (${subject} ${event.id}): the delivery thread's relays do`));
  }

  subscribe(consumer: string): Promise<EventSubscription> {
    return Promise.reject(new Error(`the HTTP thread has no consumers (${consumer}): the delivery thread's do`));
  }

  resetConsumer(consumer: string): Promise<void> {
    return Promise.reject(new Error(`the HTTP thread has no consumers (${consumer}): the delivery thread's do`));
  }

  async listDeadLetters(filter?: DeadLetterFilter): Promise<DeadLetter[]> {
    return this.running().call<DeadLetter[]>('listDeadLetters', [filter]);
  }

  async replayDeadLetter(id: string): Promise<void> {
    return this.running().call<void>('replayDeadLetter', [id]);
  }

  async discardDeadLetter(id: string): Promise<void> {
    return this.running().call<void>('discardDeadLetter', [id]);
  }

  nudge(subject: string): void {
    if (this.closed) return; // dropped quietly once closed, as every bus does (a closed channel throws)
    this.nudges.emit(subject);
    this.channel.postMessage(subject);
  }

  listenForNudges(subject: string, onNudge: () => void): () => void {
    this.nudges.on(subject, onNudge);
    return () => this.nudges.off(subject, onNudge);
  }

  /** The thread the dead-letter calls go to, once it runs. */
  attach(thread: DeliveryThread): void {
    this.thread = thread;
  }

  /** ready when the delivery thread runs: a process that cannot deliver is not ready */
  isConnected(): boolean {
    return this.thread?.isRunning ?? false;
  }

  async close(): Promise<void> {
    this.channel.close();
    this.closed = true;
    this.nudges.removeAllListeners();
  }

  private running(): DeliveryThread {
    const thread = this.thread;
    if (!thread) throw new Error('the delivery thread is not running');
    return thread;
  }
}

/** The worker's heap limits from the process's own options (`--max-old-space-size`, `--max-semi-space-size`), if given. */
export function heapLimits(execArgv: readonly string[]): { maxOldGenerationSizeMb?: number; maxYoungGenerationSizeMb?: number } {
  const option = (name: string) => {
    const value = execArgv.map((arg) => new RegExp(`^--${name}=(\\d+)$`).exec(arg)?.[1]).find(Boolean);
    return value ? Number(value) : undefined;
  };
  const old = option('max-old-space-size');
  const semi = option('max-semi-space-size');
  // V8's young generation is three semi-spaces (two of them plus the new large-object space)
  return { ...(old ? { maxOldGenerationSizeMb: old } : {}), ...(semi ? { maxYoungGenerationSizeMb: semi * 3 } : {}) };
}
