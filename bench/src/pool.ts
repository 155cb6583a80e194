import { Client } from 'pg';

/** A fixed set of `pg` connections handed out one at a time; callers queue when all are busy. */
export class ClientPool {
  private idle: Client[] = [];
  private waiting: Array<(client: Client) => void> = [];
  private all: Client[] = [];

  static async open(url: string, size: number): Promise<ClientPool> {
    const pool = new ClientPool();
    pool.all = await Promise.all(
      Array.from({ length: size }, async () => {
        const client = new Client({ connectionString: url });
        await client.connect();
        return client;
      }),
    );
    pool.idle = [...pool.all];
    return pool;
  }

  async use<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = this.idle.pop() ?? (await new Promise<Client>((resolve) => this.waiting.push(resolve)));
    try {
      return await work(client);
    } finally {
      const next = this.waiting.shift();
      if (next) next(client);
      else this.idle.push(client);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((client) => client.end()));
  }
}
