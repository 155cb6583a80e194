import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DeadLetterNotReplayable } from '@liaison/messaging';
import { DeliveryThread, heapLimits } from '../src/delivery/delivery-thread';

// Real: worker threads (node:worker_threads), each running a small script in the place of the
// delivery worker, speaking its protocol; what the host does with a thread that fails is what
// these check. No database: the e2e test runs the real delivery worker.

describe('the delivery thread, from the main thread', () => {
  let folder: string;
  const settings = { settings: { urls: [], jwtSecret: 'x'.repeat(32), adminEmail: 'admin@un.example.org', password: 'p'.repeat(12), secretKey: 'k', logLevel: 'warn' }, env: {} };
  const script = async (name: string, code: string) => {
    const file = path.join(folder, `${name}.js`);
    await writeFile(file, `const { parentPort } = require('node:worker_threads');\n${code}`);
    return file;
  };

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'liaison-delivery-thread-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('fails the start when the worker fails before it is ready, with its error', async () => {
    const failing = await script('failing-start', `throw new Error('NATS_URL: connection refused');`);
    await expect(DeliveryThread.start(settings, failing)).rejects.toThrow(/delivery thread failed: .*connection refused/);
  });

  it('reports a failure after the start once, so the host can end a process that would serve without delivering', async () => {
    const crashing = await script(
      'crashing',
      `parentPort.postMessage({ kind: 'ready' });
       parentPort.on('message', (message) => { if (message.kind === 'call') setTimeout(() => { throw new Error('a consumer crashed the thread'); }, 10); });`,
    );
    const thread = await DeliveryThread.start(settings, crashing);
    const failures: Error[] = [];
    const failed = new Promise<void>((resolve) =>
      thread.onFailure((error) => {
        failures.push(error);
        resolve();
      }),
    );
    expect(thread.isRunning).toBe(true);
    // the call under way when the thread dies is rejected, not left hanging
    await expect(thread.call('listDeadLetters', [{}])).rejects.toThrow(/a consumer crashed the thread/);
    await failed;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(failures).toHaveLength(1);
    expect(failures[0].message).toMatch(/a consumer crashed the thread/);
    expect(thread.isRunning).toBe(false);
    await thread.stop();
  });

  it('carries the dead-letter calls and their errors across, and stops the worker when asked, without reporting a failure', async () => {
    const answering = await script(
      'answering',
      `parentPort.postMessage({ kind: 'ready' });
       parentPort.on('message', (message) => {
         if (message.kind === 'stop') return parentPort.postMessage({ kind: 'stopped' });
         if (message.method === 'listDeadLetters') return parentPort.postMessage({ kind: 'reply', id: message.id, result: [{ id: 'a', deadAt: new Date(0), filter: message.args[0] }] });
         parentPort.postMessage({ kind: 'reply', id: message.id, error: { name: 'DeadLetterNotReplayable', message: 'no handler here' } });
       });`,
    );
    const thread = await DeliveryThread.start(settings, answering);
    const failures: Error[] = [];
    thread.onFailure((error) => failures.push(error));
    expect(await thread.call('listDeadLetters', [{ service: 'notifications' }])).toEqual([{ id: 'a', deadAt: new Date(0), filter: { service: 'notifications' } }]);
    await expect(thread.call('replayDeadLetter', ['a'])).rejects.toBeInstanceOf(DeadLetterNotReplayable);
    await thread.stop();
    expect(thread.isRunning).toBe(false);
    expect(failures).toEqual([]);
  });

  it("gives the worker the process's heap options", () => {
    expect(heapLimits(['--max-old-space-size=128', '--max-semi-space-size=16', '-r', 'x.js'])).toEqual({ maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 48 });
    expect(heapLimits([])).toEqual({});
  });
});
