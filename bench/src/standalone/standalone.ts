import type { BenchContext } from '../context';
import type { Measurement } from '../results';

/**
 * Part 3: the standalone mode (`npm start`: one process, PGlite, in-process bus) under the same
 * load as part 2. It does not exist yet (a later issue); when it does, this starts it with a data
 * directory under a temporary folder and runs `runBriefSeries` of part 2 against its port.
 */
export async function measureStandalone(ctx: BenchContext): Promise<Measurement[]> {
  ctx.log('part 3: standalone mode');
  return [
    {
      part: 'standalone',
      key: 'standalone.briefs',
      label: 'standalone mode, briefs end to end',
      unit: 'events/s',
      status: 'not yet available',
      note: 'the standalone mode (services/standalone, npm start) is not built yet',
      runs: [],
    },
  ];
}
