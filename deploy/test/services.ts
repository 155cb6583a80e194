/**
 * Liaison's services and the API resources each owns (ARCHITECTURE.md, "Domain, by owning
 * service"): what the proxy, the Ingress, compose and the Kubernetes manifests are checked against.
 */
export const SERVICES = {
  organizations: ['auth', 'organizations', 'desks', 'officers'],
  dialogues: ['dialogues', 'recommendations', 'briefs', 'initiatives'],
  'capacity-building': ['programmes', 'milestones'],
  training: ['courses', 'sessions', 'enrolments', 'certificates'],
  notifications: ['subscriptions', 'notifications', 'webhooks'],
} as const;

export type ServiceName = keyof typeof SERVICES;
export const SERVICE_NAMES = Object.keys(SERVICES) as ServiceName[];

/** The service that owns an API path (`/api/v1/<resource or service>/...`), if any. */
export function owningService(path: string): ServiceName | undefined {
  const segment = /^\/api\/v1\/([^/?]+)/.exec(path)?.[1];
  if (!segment) return undefined;
  return SERVICE_NAMES.find((service) => service === segment || (SERVICES[service] as readonly string[]).includes(segment));
}
