import { eventually } from './stored-events';

describe('eventually', () => {
  it('returns what was read once there is enough of it', async () => {
    let reads = 0;
    const items = await eventually(async () => Array.from({ length: ++reads }, (_, i) => i), 3, 2_000);
    expect(items).toEqual([0, 1, 2]);
  });

  it('fails, saying how many it saw, when there is not enough of it in time', async () => {
    await expect(eventually(async () => ['one'], 2, 200)).rejects.toThrow('expected at least 2 item(s) within 200 ms, still 1');
  });
});
