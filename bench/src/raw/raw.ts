import type { BenchContext } from '../context';
import type { Measurement } from '../results';
import { measureInserts } from './insert';
import { measureJetStream } from './jetstream';
import { type PipelineLoad, measurePipeline } from './pipeline';

/** The keys of the raw twins a Liaison measurement is compared with. */
export const rawPipelineKey = (offered?: number) => `raw.pipeline@${offered ?? 'max'}`;
export const rawFanoutKey = (offered?: number) => `raw.fanout@${offered ?? 'max'}`;

/** Part 1: the limits of this machine with plain `pg` and `@nats-io/*`, no framework. */
export async function measureRaw(ctx: BenchContext): Promise<Measurement[]> {
  ctx.log('part 1: raw limits');
  const { rates, fanout, fanoutRate } = ctx.options;
  const loads: PipelineLoad[] = [
    { key: rawPipelineKey(), label: 'bare outbox pipeline, max', fanout: 1 },
    ...rates.map((rate) => ({ key: rawPipelineKey(rate), label: `bare outbox pipeline at ${rate}/s`, offered: rate, fanout: 1 })),
    ...(ctx.options.quick ? [] : [{ key: rawFanoutKey(), label: `bare pipeline, fan-out ${fanout}, max`, fanout }]),
    { key: rawFanoutKey(fanoutRate), label: `bare pipeline, fan-out ${fanout} at ${fanoutRate}/s`, offered: fanoutRate, fanout },
  ];
  return [await measureInserts(ctx), await measureJetStream(ctx), ...(await measurePipeline(ctx, loads))];
}
