import { childTraceparent, currentRequestId, currentTraceparent, newTraceparent, parseTraceparent, runWithTraceparent, runWithWorkContext } from './trace-context';

describe('trace context', () => {
  it('every new trace and span id is well formed and new, across refills of the random pool', () => {
    const traces = Array.from({ length: 1000 }, () => newTraceparent());
    for (const trace of traces) expect(parseTraceparent(trace)).toBe(trace);
    expect(new Set(traces.map((trace) => trace.split('-')[1])).size).toBe(1000);
    expect(new Set(traces.map((trace) => trace.split('-')[2])).size).toBe(1000);
  });

  it('a child keeps the caller\'s trace id and flags under a new span id; an invalid caller starts a new trace', () => {
    const parent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const child = childTraceparent(parent);
    expect(child).toMatch(/^00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01$/);
    expect(child.split('-')[2]).not.toBe('00f067aa0ba902b7');
    expect(childTraceparent('00-00000000000000000000000000000000-00f067aa0ba902b7-01').split('-')[1]).not.toBe('00000000000000000000000000000000');
  });

  it('a request\'s id and trace follow its awaits; a new trace within it keeps the request id; outside, neither', async () => {
    const trace = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const seen = await runWithWorkContext({ requestId: 'req-1', traceparent: trace }, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      const inRequest = [currentRequestId(), currentTraceparent()];
      const nested = await runWithTraceparent(undefined, async () => {
        await Promise.resolve();
        return [currentRequestId(), currentTraceparent()];
      });
      return { inRequest, nested, after: [currentRequestId(), currentTraceparent()] };
    });
    expect(seen.inRequest).toEqual(['req-1', trace]);
    expect(seen.nested[0]).toBe('req-1');
    expect(parseTraceparent(seen.nested[1])).toBeDefined();
    expect(seen.nested[1]).not.toBe(trace);
    expect(seen.after).toEqual(['req-1', trace]);
    expect([currentRequestId(), currentTraceparent()]).toEqual([undefined, undefined]);
  });
});
