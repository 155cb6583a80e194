/**
 * The demo world's client: plain HTTP against the running host, as any client would. Every write
 * carries an Idempotency-Key named after its step, so a demo world interrupted half-way is
 * finished at the next start without making anything twice.
 */
export class DemoClient {
  constructor(private readonly origin: string) {}

  async token(email: string, password: string): Promise<string> {
    const { accessToken } = await this.send<{ accessToken: string }>('POST', '/auth/token', undefined, undefined, { email, password });
    return accessToken;
  }

  /**
   * A write, retried while the service has not yet learnt (through the events) of the caller or
   * of what the write names: the registry reaches each service a moment after organizations; and
   * while the service refuses writes because its event delivery is behind (503).
   */
  async post<T = { id: string }>(token: string, path: string, step: string, body: unknown): Promise<T> {
    // a refusal (503) is not the service's ignorance: it is waited out for longer, as a slow
    // machine may deliver the demo's own events behind the bound for a while
    const unknownUntil = Date.now() + 30_000;
    const refusedUntil = Date.now() + 600_000;
    for (;;) {
      try {
        return await this.send<T>('POST', path, token, `liaison-demo-${step}`, body);
      } catch (error) {
        const status = (error as { status?: number }).status;
        const retry = status === 503 ? Date.now() < refusedUntil : Boolean(status) && [401, 403, 404, 422].includes(status!) && Date.now() < unknownUntil;
        if (!retry) throw error;
        await new Promise((resolve) => setTimeout(resolve, status === 503 ? 500 : 200));
      }
    }
  }

  get<T>(token: string, path: string): Promise<T> {
    return this.send<T>('GET', path, token);
  }

  private async send<T>(method: string, path: string, token?: string, idempotencyKey?: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.origin}/api/v1${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw Object.assign(new Error(`${method} ${path}: ${response.status} ${text}`), { status: response.status });
    return (text ? JSON.parse(text) : undefined) as T;
  }
}
