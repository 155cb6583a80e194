import type { CompiledTree } from './build';
import type { BenchIsolation } from './isolation';
import type { BenchOptions } from './options';
import type { Measurement } from './results';

/** What every scenario gets from the harness. */
export interface BenchContext {
  options: BenchOptions;
  isolation: BenchIsolation;
  log: (line: string) => void;
  /** the compiled services and workers the child processes run */
  build: CompiledTree;
  /** where a process named `name` writes its CPU profile, when the bench runs with --profile */
  profileDir: (name: string) => string | undefined;
  /** measurements so far: a Liaison scenario reads its raw twins' settings from here */
  measurements: Measurement[];
}

/** Repeats one measurement `runs` times, logging each, and returns every run's figures. */
export async function repeat<T>(ctx: BenchContext, label: string, run: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < ctx.options.runs; i++) {
    ctx.log(`  ${label}: run ${i + 1}/${ctx.options.runs}`);
    results.push(await run(i));
  }
  return results;
}
