import type { ServerResponse } from 'node:http';
import { Sema } from 'async-sema';
import type { DeliveryLag } from '../events/delivery-lag';

/**
 * Writes under way at once per service. The lag only says how far behind delivery is once the
 * writes are in: on a starved machine hundreds can be let in before the first of their events is
 * late, and each becomes an event that waits behind the others.
 */
export const WRITES_IN_FLIGHT = 32;

/**
 * Writes that wait for a place per service, past which more are refused. A burst waits its turn
 * instead of being sent back to retry a second later; a queue this long drains within the lag
 * bound at the rates one machine carries.
 */
export const WRITES_WAITING = 256;

export type Admission =
  | { admitted: true }
  /** `gone`: the client closed the connection while its write waited; nothing is to be answered */
  | { admitted: false; gone: true }
  | { admitted: false; gone: false; reason: string };

/**
 * Lets writes into each service a bounded number at a time, the rest waiting in order. A write is
 * refused at once when the service's event delivery is further behind than the bound or when the
 * queue is full: nothing has been read or written then, so the client can simply send it again.
 * An admitted write holds its place until its response is closed.
 */
export class WriteAdmission {
  private readonly places = new Map<string, Sema>();

  constructor(
    private readonly lag: Pick<DeliveryLag, 'behind' | 'limitMs'>,
    private readonly inFlight = WRITES_IN_FLIGHT,
    private readonly waiting = WRITES_WAITING,
  ) {}

  async admit(service: string, response: ServerResponse): Promise<Admission> {
    const lagMs = this.lag.behind(service);
    if (lagMs !== undefined)
      return { admitted: false, gone: false, reason: `${service} is ${(lagMs / 1000).toFixed(1)} s behind in delivering its events (the bound is ${this.lag.limitMs / 1000} s)` };
    const places = this.placesOf(service);
    if (places.nrWaiting() >= this.waiting)
      return { admitted: false, gone: false, reason: `${service} has ${this.inFlight} writes under way and ${this.waiting} waiting, as many as it holds` };
    let closed = false;
    const onClose = (): void => {
      closed = true;
    };
    response.once('close', onClose);
    await places.acquire();
    response.off('close', onClose);
    if (closed) {
      places.release();
      return { admitted: false, gone: true };
    }
    response.once('close', () => places.release());
    return { admitted: true };
  }

  private placesOf(service: string): Sema {
    let places = this.places.get(service);
    if (!places) this.places.set(service, (places = new Sema(this.inFlight, { capacity: this.inFlight + this.waiting })));
    return places;
  }
}
