import { randomUUID } from 'node:crypto';
import { type DeadLetter, type DeadLetterFilter, compareDeadLetters, matchesDeadLetterFilter, parseEvent } from '../event-bus';

/**
 * A dead letter as the in-process bus sets it aside: the text it carried, kept as it was (its
 * `event` is what that parses to, undefined when it is no event).
 */
export type NewDeadLetter = Omit<DeadLetter, 'id' | 'deadAt' | 'event'> & {
  /** the event's id, or the published id when the text holds none: one dead letter per (consumer, eventId) */
  eventId: string;
  json: string;
};

/**
 * Where the in-process bus keeps its dead letters: memory unless given one (`PostgresDeadLetters`,
 * the standalone host's). One per (consumer, event): adding the same again replaces it under a
 * new id, as a dead letter set aside anew is a new message on JetStream.
 */
export interface DeadLetterStore {
  add(letter: NewDeadLetter): Promise<DeadLetter>;
  /** oldest first by (deadAt to the millisecond, id): `compareDeadLetters` */
  list(filter: DeadLetterFilter & { limit: number }): Promise<DeadLetter[]>;
  get(id: string): Promise<DeadLetter | undefined>;
  /** false when it was not there (removed meanwhile) */
  remove(id: string): Promise<boolean>;
}

/** Dead letters of this process's life only. */
export class MemoryDeadLetters implements DeadLetterStore {
  private readonly letters = new Map<string, DeadLetter>();
  /** each letter's (consumer, eventId) */
  private readonly keys = new Map<string, string>();

  async add({ eventId, json, ...letter }: NewDeadLetter): Promise<DeadLetter> {
    const key = JSON.stringify([letter.consumer, eventId]);
    for (const [id, kept] of this.keys) {
      if (kept !== key) continue;
      this.letters.delete(id);
      this.keys.delete(id);
    }
    const stored: DeadLetter = { ...letter, event: parseEvent(json), id: randomUUID(), deadAt: new Date() };
    this.letters.set(stored.id, stored);
    this.keys.set(stored.id, key);
    return stored;
  }

  async list(filter: DeadLetterFilter & { limit: number }): Promise<DeadLetter[]> {
    const { after } = filter;
    const letters = [...this.letters.values()]
      .filter((letter) => matchesDeadLetterFilter(letter, filter) && (!after || compareDeadLetters(letter, after) > 0))
      .sort(compareDeadLetters);
    return letters.slice(0, filter.limit).map((letter) => structuredClone(letter));
  }

  /** a copy each time, as read from a database: a handler given the event cannot change what is kept */
  async get(id: string): Promise<DeadLetter | undefined> {
    const letter = this.letters.get(id);
    return letter && structuredClone(letter);
  }

  async remove(id: string): Promise<boolean> {
    this.keys.delete(id);
    return this.letters.delete(id);
  }
}
