/**
 * An e-mail address as the registry stores it: without surrounding whitespace, in lower case. One
 * address is one officer, and one account to the login back-off however it is typed.
 */
export function normalizedEmail(address: string): string {
  return address.trim().toLowerCase();
}
