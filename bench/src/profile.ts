import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

export interface HotSpot {
  /** function (file:line) */
  where: string;
  /** share of the process's busy samples (idle left out) spent in the function itself */
  selfPercent: number;
}

export interface ProfileSummary {
  file: string;
  /** busy samples counted: those taken inside the measuring windows, when windows were given */
  samples: number;
  /** by function, self time */
  functions: HotSpot[];
  /** by package or area (node_modules/<package>, libs/<lib>, services/<name>, node internals, GC, idle) */
  areas: HotSpot[];
}

/**
 * Reads the V8 CPU profiles (`node --cpu-prof`) a process wrote on exit and says where its time
 * went inside the measuring windows: the functions and the packages with the most self time.
 * Profile one load at a time (e.g. `--only liaison --rates 500`), or the loads' shares blend.
 */
export function summarizeProfiles(dir: string, windows: ReadonlyArray<{ from: number; to: number }> = [], top = 12): ProfileSummary[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  } catch {
    return [];
  }
  return files.map((file) => {
    const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as CpuProfile;
    const hitsOf = hitsInWindows(profile, windows);
    // shares of the busy time: waiting (idle) is not a cost
    const busy = (n: ProfileNode) => n.callFrame.functionName !== '(idle)';
    const total = profile.nodes.filter(busy).reduce((sum, n) => sum + (hitsOf.get(n.id) ?? 0), 0);
    const byFunction = new Map<string, number>();
    const byArea = new Map<string, number>();
    for (const node of profile.nodes) {
      const hits = hitsOf.get(node.id) ?? 0;
      if (!hits || !busy(node)) continue;
      const { functionName, url, lineNumber } = node.callFrame;
      const where = `${functionName || '(anonymous)'} ${shorten(url)}${url ? `:${lineNumber + 1}` : ''}`;
      byFunction.set(where, (byFunction.get(where) ?? 0) + hits);
      byArea.set(areaOf(functionName, url), (byArea.get(areaOf(functionName, url)) ?? 0) + hits);
    }
    const rank = (map: Map<string, number>) =>
      [...map.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, top)
        .map(([where, hits]) => ({ where, selfPercent: Math.round((hits / total) * 1000) / 10 }));
    return { file, samples: total, functions: rank(byFunction), areas: rank(byArea) };
  });
}

interface CpuProfile {
  nodes: ProfileNode[];
  /** microseconds, on the monotonic clock (process.hrtime) */
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/**
 * Samples per node, counting only those taken inside the windows (all of them without windows):
 * a profile covers the process's whole life, and start-up and seeding would otherwise weigh as
 * much as the load being measured.
 */
function hitsInWindows(profile: CpuProfile, windows: ReadonlyArray<{ from: number; to: number }>): Map<number, number> {
  const hits = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, index) => {
    at += profile.timeDeltas[index] ?? 0;
    if (windows.length === 0 || windows.some((w) => at >= w.from && at < w.to)) hits.set(id, (hits.get(id) ?? 0) + 1);
  });
  return hits;
}

function shorten(url: string): string {
  return url.replace(/^file:\/\//, '').replace(/^.*node_modules\//, 'node_modules/').replace(/^.*\/liaison-bench-[0-9a-f]+\//, '');
}

/**
 * Node's native socket writes. V8's sampler reaches a thread that was preempted inside one (its
 * write woke the peer, which took the core) only once it runs again, and the sample lands in the
 * write: their share is mostly waiting for a core, not CPU (perf tells the two apart).
 */
const SOCKET_WRITES = new Set(['writev', 'writeBuffer']);

function areaOf(functionName: string, url: string): string {
  if (!url && SOCKET_WRITES.has(functionName)) return 'socket writes (mostly waiting for a core)';
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.startsWith('node:')) return 'node internals';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const own = /(libs|services|bench)\/([^/]+)/.exec(url);
  return own ? `${own[1]}/${own[2]}` : shorten(url);
}
