import { useEffect, useState } from 'react';

/** The longest wait a browser timer takes: beyond it, it fires at once. */
const LONGEST_TIMER = 2 ** 31 - 1;

/** Whether an instant (ISO 8601) has come, turning true at that instant while the screen stays open. */
export function useReached(iso: string): boolean {
  const at = Date.parse(iso);
  const [reached, setReached] = useState(() => at <= Date.now());
  useEffect(() => {
    const wait = at - Date.now();
    setReached(wait <= 0);
    if (wait <= 0 || wait > LONGEST_TIMER) return;
    const timer = window.setTimeout(() => setReached(true), wait);
    return () => window.clearTimeout(timer);
  }, [at]);
  return reached;
}
