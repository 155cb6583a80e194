// The officer's session: the access token from POST /auth/token, kept in sessionStorage (gone
// when the tab closes, never shared between tabs or written to disk by the app), and the claims
// the console reads from it (sub, org, roles, exp). The server decides what the token may do.
const KEY = 'liaison.session';

export interface Session {
  token: string;
  officerId: string;
  organizationId: string;
  roles: string[];
  /** epoch milliseconds */
  expiresAt: number;
}

function claimsOf(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? '';
  const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
  return JSON.parse(decodeURIComponent(escape(json))) as Record<string, unknown>;
}

export function sessionFromToken(token: string, expiresIn: number): Session {
  const claims = claimsOf(token);
  const exp = typeof claims.exp === 'number' ? claims.exp * 1000 : Date.now() + expiresIn * 1000;
  return {
    token,
    officerId: String(claims.sub),
    organizationId: String(claims.org),
    roles: Array.isArray(claims.roles) ? claims.roles.map(String) : [],
    expiresAt: exp,
  };
}

export function readSession(): Session | null {
  const raw = sessionStorage.getItem(KEY);
  if (!raw) return null;
  const session = JSON.parse(raw) as Session;
  return session.expiresAt > Date.now() ? session : null;
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
}

/** Fired when the API refuses the token (401) or it runs out: the app returns to sign-in, drafts kept. */
export const SESSION_EXPIRED = 'liaison:session-expired';

export function expireSession(): void {
  if (!sessionStorage.getItem(KEY)) return;
  clearSession();
  window.dispatchEvent(new Event(SESSION_EXPIRED));
}
