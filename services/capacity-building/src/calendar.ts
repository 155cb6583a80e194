/** Days are UTC calendar days (`YYYY-MM-DD`): a milestone is late from the UTC day after its due date. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
