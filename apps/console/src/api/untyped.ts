// Capacity-building (programmes, milestones) and training (courses, sessions, enrolments,
// certificates) are being built: until their OpenAPI documents are generated into src/api/generated
// (nx run console:generate-client), their screens call them through this, against API.md.
import { expireSession, readSession } from './session';
import { problemFrom } from './problem';

export async function apiFetch<T>(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<T> {
  const session = readSession();
  const reply = await fetch(`/api/v1${path}`, {
    method,
    headers: {
      Accept: 'application/json',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(session ? { Authorization: `Bearer ${session.token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const parsed: unknown = await reply.json().catch(() => null);
  if (reply.status === 401 && session) expireSession();
  if (!reply.ok) throw problemFrom(reply.status, parsed);
  return parsed as T;
}
