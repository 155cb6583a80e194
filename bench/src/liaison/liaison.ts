import type { BenchContext } from '../context';
import type { Measurement } from '../results';

export async function measureLiaison(ctx: BenchContext): Promise<Measurement[]> {
  ctx.log('part 2: Liaison end to end');
  return [];
}
