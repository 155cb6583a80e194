import { settledStreamConfig } from '../src/jetstream/provision-streams';

describe('a starting service never lowers what an operator set on a stream', () => {
  it('keeps more replicas than the service asks for, and raises fewer', () => {
    expect(settledStreamConfig({ num_replicas: 3, max_age: 0 }, { num_replicas: 1 }).num_replicas).toBe(3);
    expect(settledStreamConfig({ num_replicas: 1, max_age: 0 }, { num_replicas: 3 }).num_replicas).toBe(3);
  });

  it('keeps the longer retention, forever (0) being the longest', () => {
    expect(settledStreamConfig({ num_replicas: 1, max_age: 0 }, { max_age: 7 }).max_age).toBe(0);
    expect(settledStreamConfig({ num_replicas: 1, max_age: 30 }, { max_age: 7 }).max_age).toBe(30);
    expect(settledStreamConfig({ num_replicas: 1, max_age: 7 }, { max_age: 30 }).max_age).toBe(30);
    expect(settledStreamConfig({ num_replicas: 1, max_age: 7 }, { max_age: 0 }).max_age).toBe(0);
  });
});
