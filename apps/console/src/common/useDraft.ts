import { useCallback, useEffect, useState } from 'react';

const PREFIX = 'liaison.draft.';

/**
 * A form's values kept in sessionStorage as they are typed, so a session that expires mid-form
 * (back to sign-in) finds them again; cleared once the form is sent.
 */
export function useDraft<T extends object>(key: string, initial: T): [T, (patch: Partial<T>) => void, () => void] {
  const [value, setValue] = useState<T>(() => {
    const saved = sessionStorage.getItem(PREFIX + key);
    return saved ? { ...initial, ...(JSON.parse(saved) as Partial<T>) } : initial;
  });
  useEffect(() => {
    sessionStorage.setItem(PREFIX + key, JSON.stringify(value));
  }, [key, value]);
  const update = useCallback((patch: Partial<T>) => setValue((current) => ({ ...current, ...patch })), []);
  const clear = useCallback(() => {
    sessionStorage.removeItem(PREFIX + key);
    setValue(initial);
  }, [key]);
  return [value, update, clear];
}

/** Signing out on purpose drops every draft (an expiry keeps them). */
export function clearDrafts(): void {
  for (const key of Object.keys(sessionStorage)) if (key.startsWith(PREFIX)) sessionStorage.removeItem(key);
}
