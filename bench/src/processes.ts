import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { sleep } from './clock';

const CLOCK_TICKS = 100; // getconf CLK_TCK on Linux x86-64 and arm64
const ROOT = path.resolve(__dirname, '../..');

/** CPU time and memory of one process, read from /proc (Linux only). */
export interface ProcSample {
  cpuSeconds: number;
  /** time runnable but waiting for a core (schedstat): CPU starvation, from other processes */
  runQueueSeconds: number;
  rssMb: number;
  /** VmHWM: the highest resident set since the process started */
  peakRssMb: number;
}

export function readProc(pid: number): ProcSample | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name (field 2) may hold spaces; fields after it are fixed
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS; // utime, stime
    // per thread in /proc/<pid>/task/*/schedstat; the main thread is the one that matters for Node
    const runQueueSeconds = Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e9;
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
    return { cpuSeconds, runQueueSeconds, rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
  } catch {
    return undefined; // gone
  }
}

/** Machine-wide: busy CPU time of all processes (/proc/stat) and CPU pressure (/proc/pressure/cpu). */
function readMachine(): { busySeconds: number; pressureSeconds: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = cpu;
  let pressureSeconds = NaN;
  try {
    pressureSeconds = Number(/some .*total=(\d+)/.exec(readFileSync('/proc/pressure/cpu', 'utf8'))?.[1]) / 1e6;
  } catch {
    // no PSI in this kernel
  }
  return { busySeconds: (user + nice + system + irq + softirq + steal) / CLOCK_TICKS, pressureSeconds };
}

/** The whole machine during a window: other sessions' work shows here and not in the bench's processes. */
export interface MachineFigures {
  /** cores busy, all processes together */
  busyCores: number;
  /** share of the window in which some runnable task waited for a core (PSI "some") */
  cpuPressure: number;
}

/** Processes of the servers the bench uses (every Postgres backend, nats-server), by command name. */
export function pidsNamed(name: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === name) pids.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return pids;
}

/** A process (or group of processes) whose CPU and memory are reported. */
export interface Watched {
  name: string;
  pids: () => number[];
}

export interface UsageFigures {
  name: string;
  /** CPU used over the window, in cores (1.0 = one core busy all the time) */
  cpuCores: number;
  /** largest resident set seen during the window (sum over the group's processes) */
  peakRssMb: number;
  /** time runnable but not running, in cores: above ~0.1 the machine was oversubscribed */
  runQueueCores: number;
}

/**
 * The measuring windows so far, in microseconds of the monotonic clock: the clock of V8's CPU
 * profiles, so a profile can be cut to the windows (summarizeProfiles) and leave out start-up,
 * seeding and the waits between loads.
 */
export const measuredWindows: Array<{ from: number; to: number }> = [];
let measuringSince: bigint | undefined;

/**
 * Samples CPU and resident memory of the watched processes every `intervalMs`; `window()` opens
 * and closes a measuring window, so warm-up and seeding do not count.
 */
export class UsageSampler {
  private timer?: NodeJS.Timeout;
  private openedAt = 0;
  /**
   * CPU and run-queue seconds per group and process, at the window's opening and as last
   * sampled. Per process, so one that exits in the window (a Postgres backend) keeps what it
   * used until its last sample: summing the group at both ends instead lost its whole time and
   * could give a negative figure.
   */
  private first = new Map<string, Map<number, ProcTimes>>();
  private last = new Map<string, Map<number, ProcTimes>>();
  private peak = new Map<string, number>();
  private machineStart = { busySeconds: 0, pressureSeconds: 0, at: 0 };
  /** the machine during the last window, set by close() */
  machine?: MachineFigures;

  constructor(
    private readonly watched: Watched[],
    private readonly intervalMs = 250,
  ) {}

  open(): void {
    measuringSince = process.hrtime.bigint() / 1000n;
    this.first.clear();
    this.last.clear();
    this.peak.clear();
    this.openedAt = performance.now();
    this.machineStart = { ...readMachine(), at: this.openedAt };
    this.sample();
    for (const [name, times] of this.last) this.first.set(name, new Map(times));
    this.timer = setInterval(() => this.sample(), this.intervalMs);
  }

  close(): UsageFigures[] {
    if (this.timer) clearInterval(this.timer);
    if (measuringSince !== undefined) measuredWindows.push({ from: Number(measuringSince), to: Number(process.hrtime.bigint() / 1000n) });
    measuringSince = undefined;
    this.sample();
    const at = performance.now();
    const machine = readMachine();
    const elapsed = (at - this.machineStart.at) / 1000;
    this.machine = {
      busyCores: (machine.busySeconds - this.machineStart.busySeconds) / elapsed,
      cpuPressure: (machine.pressureSeconds - this.machineStart.pressureSeconds) / elapsed,
    };
    const seconds = (at - this.openedAt) / 1000;
    return this.watched.map((w) => {
      // a process born in the window counts from zero
      const used = (pick: (t: ProcTimes) => number) => {
        let sum = 0;
        for (const [pid, times] of this.last.get(w.name) ?? []) {
          const before = this.first.get(w.name)?.get(pid);
          sum += pick(times) - (before ? pick(before) : 0);
        }
        return sum;
      };
      return {
        name: w.name,
        cpuCores: seconds > 0 ? used((t) => t.cpuSeconds) / seconds : NaN,
        runQueueCores: seconds > 0 ? used((t) => t.runQueueSeconds) / seconds : NaN,
        peakRssMb: this.peak.get(w.name) ?? NaN,
      };
    });
  }

  private sample(): void {
    for (const w of this.watched) {
      const times = this.last.get(w.name) ?? new Map<number, ProcTimes>();
      this.last.set(w.name, times);
      let rss = 0;
      for (const pid of w.pids()) {
        const proc = readProc(pid);
        if (!proc) continue;
        times.set(pid, { cpuSeconds: proc.cpuSeconds, runQueueSeconds: proc.runQueueSeconds });
        rss += proc.rssMb;
      }
      if (rss > (this.peak.get(w.name) ?? 0)) this.peak.set(w.name, rss);
    }
  }
}

interface ProcTimes {
  cpuSeconds: number;
  runQueueSeconds: number;
}

const children = new Set<Child>();
// Whatever ends the harness, its children end with it (they also stop when their IPC channel closes).
process.on('exit', () => {
  for (const child of children) if (child.running) child.process.kill('SIGKILL');
});

/** One child process of the bench: a Liaison service or a worker of the bare pipeline. */
export class Child {
  private exited?: { code: number | null; signal: NodeJS.Signals | null };
  private readonly stderr: string[] = [];
  readonly process: ChildProcess;

  /** `nodeArgs`: what follows `node` (see CompiledTree.nodeArgs); the environment is only `env`. */
  constructor(
    readonly name: string,
    nodeArgs: string[],
    env: Record<string, string>,
    /** where everything the process writes goes, besides the last lines kept for errors */
    logFile?: string,
  ) {
    this.process = spawn(process.execPath, nodeArgs, {
      cwd: ROOT,
      // the compiled tree lives outside the repository: its requires find packages through NODE_PATH
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', NODE_PATH: `${ROOT}/node_modules`, ...env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const log = logFile ? createWriteStream(logFile, { flags: 'a' }) : undefined;
    const keep = (chunk: Buffer) => {
      log?.write(chunk);
      this.stderr.push(chunk.toString());
      if (this.stderr.length > 200) this.stderr.shift();
    };
    this.process.stdout!.on('data', keep);
    this.process.stderr!.on('data', keep);
    children.add(this);
    this.process.on('exit', (code, signal) => {
      this.exited = { code, signal };
      children.delete(this);
    });
  }

  get pid(): number {
    return this.process.pid!;
  }

  get running(): boolean {
    return !this.exited;
  }

  /** The last lines the process wrote, to say why it stopped. */
  output(): string {
    return this.stderr.join('').split('\n').slice(-15).join('\n');
  }

  /** Waits until `ready()` is true, failing with the child's output if it exits or the time is up. */
  async waitUntil(ready: () => Promise<boolean>, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exited) throw new Error(`${this.name} exited (${this.exited.code ?? this.exited.signal}) before it was ready:\n${this.output()}`);
      if (await ready().catch(() => false)) return;
      await sleep(100);
    }
    throw new Error(`${this.name} was not ready after ${timeoutMs} ms:\n${this.output()}`);
  }

  /** Waits for an IPC message `{ type }` from the child, failing with its output if it exits first. */
  waitForMessage(type: string, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const fail = (why: string) => {
        cleanUp();
        reject(new Error(`${this.name} ${why}:\n${this.output()}`));
      };
      const onMessage = (message: { type?: string }) => {
        if (message?.type !== type) return;
        cleanUp();
        resolve();
      };
      const onExit = (code: number | null) => fail(`exited (${code}) before "${type}"`);
      const timer = setTimeout(() => fail(`sent no "${type}" within ${timeoutMs} ms`), timeoutMs);
      const cleanUp = () => {
        clearTimeout(timer);
        this.process.off('message', onMessage);
        this.process.off('exit', onExit);
      };
      if (this.exited) return fail('had exited');
      this.process.on('message', onMessage);
      this.process.on('exit', onExit);
    });
  }

  /** SIGTERM, then SIGKILL after a grace period. */
  async stop(graceMs = 5_000): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.process.once('exit', () => resolve()));
    this.process.kill('SIGTERM');
    const timer = setTimeout(() => this.process.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
}

export async function httpReady(url: string): Promise<boolean> {
  const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
  return response.ok;
}
