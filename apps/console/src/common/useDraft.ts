import { useCallback, useEffect, useState } from 'react';

const PREFIX = 'liaison.draft.';
const REQUEST = '#request';

/**
 * A form's values kept in sessionStorage as they are typed, so a session that expires mid-form
 * (back to sign-in) finds them again; cleared once the form is sent.
 *
 * The fourth value is the entry's Idempotency-Key: the same for every attempt to send the same
 * values (a reply lost on the way, a second press), so the service records them once and gives
 * the first answer again; a new one once anything is changed, and once the form is sent.
 */
export function useDraft<T extends object>(key: string, initial: T): [T, (patch: Partial<T>) => void, () => void, string] {
  const [value, setValue] = useState<T>(() => {
    const saved = sessionStorage.getItem(PREFIX + key);
    return saved ? { ...initial, ...(JSON.parse(saved) as Partial<T>) } : initial;
  });
  const [requestKey, setRequestKey] = useState(() => sessionStorage.getItem(PREFIX + key + REQUEST) ?? crypto.randomUUID());
  useEffect(() => {
    sessionStorage.setItem(PREFIX + key, JSON.stringify(value));
  }, [key, value]);
  useEffect(() => {
    sessionStorage.setItem(PREFIX + key + REQUEST, requestKey);
  }, [key, requestKey]);
  const update = useCallback((patch: Partial<T>) => {
    setValue((current) => ({ ...current, ...patch }));
    setRequestKey(crypto.randomUUID());
  }, []);
  const clear = useCallback(() => {
    sessionStorage.removeItem(PREFIX + key);
    sessionStorage.removeItem(PREFIX + key + REQUEST);
    setValue(initial);
    setRequestKey(crypto.randomUUID());
  }, [key]);
  return [value, update, clear, requestKey];
}

/** Signing out on purpose drops every draft (an expiry keeps them). */
export function clearDrafts(): void {
  for (const key of Object.keys(sessionStorage)) if (key.startsWith(PREFIX)) sessionStorage.removeItem(key);
}
