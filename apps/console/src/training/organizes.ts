/** Whether an organization is one of a session's organizers, who manage it: ids compared regardless of case, as the service compares them. */
export function organizes(session: { organizers?: string[] }, organizationId: string | undefined): boolean {
  return !!organizationId && (session.organizers ?? []).some((id) => id.toLowerCase() === organizationId.toLowerCase());
}
