/**
 * Exact percentiles: every sample is kept (a Float64Array that doubles), sorted once when read.
 * A run records at most a few hundred thousand latencies, a few MB; exactness beats a histogram's
 * bucket error when the figures are compared as ratios.
 */
export class LatencyRecorder {
  private samples = new Float64Array(1024);
  private size = 0;
  private sorted = true;

  record(ms: number): void {
    if (this.size === this.samples.length) {
      const grown = new Float64Array(this.samples.length * 2);
      grown.set(this.samples);
      this.samples = grown;
    }
    this.samples[this.size++] = ms;
    this.sorted = false;
  }

  get count(): number {
    return this.size;
  }

  /** nearest-rank percentile, p in [0, 100]; NaN when empty */
  percentile(p: number): number {
    if (this.size === 0) return NaN;
    if (!this.sorted) {
      this.samples.subarray(0, this.size).sort();
      this.sorted = true;
    }
    const rank = Math.max(1, Math.ceil((p / 100) * this.size));
    return this.samples[Math.min(rank, this.size) - 1];
  }

  summary(): LatencySummary {
    return {
      count: this.size,
      p50: this.percentile(50),
      p90: this.percentile(90),
      p99: this.percentile(99),
      max: this.percentile(100),
    };
  }
}

export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** Median and range of one figure over the repeated runs. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

export function spread(values: number[]): Spread {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return { median: NaN, min: NaN, max: NaN, runs: values };
  const sorted = [...finite].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], runs: values };
}
