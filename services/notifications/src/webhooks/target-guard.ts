import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';
import type { Agent } from 'node:http';

/** Addresses a webhook must not reach unless the operator allows the host (SSRF). */
const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv6');
}

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return PRIVATE.check(mapped[1], 'ipv4');
    return PRIVATE.check(address, 'ipv6');
  }
  return PRIVATE.check(address, 'ipv4');
}

/** `[::1]` → `::1`, lower case */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
}

/**
 * Private, loopback and link-local targets are refused unless their host is listed in
 * WEBHOOK_ALLOWED_HOSTS. Checked when an endpoint is registered (by resolving the name), and
 * again at every connection by request-filtering-agent, since a name can resolve elsewhere later.
 */
export class TargetGuard {
  private readonly allowed: ReadonlySet<string>;

  constructor(allowedHosts: readonly string[]) {
    this.allowed = new Set(allowedHosts.map((h) => h.replace(/^\[|\]$/g, '').toLowerCase()));
  }

  isAllowedHost(url: URL): boolean {
    return this.allowed.has(hostOf(url));
  }

  /** Why the URL may not be a webhook target, or null. */
  async problem(raw: string): Promise<string | null> {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return 'must be an absolute URL';
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an http or https URL';
    if (url.username || url.password) return 'must not carry credentials';
    if (this.isAllowedHost(url)) return null;
    // deliveries carry amber content: never in clear text to the internet
    if (url.protocol !== 'https:') return 'must be an https:// URL (http:// only for a host in WEBHOOK_ALLOWED_HOSTS)';
    const host = hostOf(url);
    let addresses: string[];
    if (isIP(host)) addresses = [host];
    else {
      try {
        addresses = (await lookup(host, { all: true })).map((a) => a.address);
      } catch {
        return 'its host does not resolve';
      }
    }
    return addresses.some(isPrivateAddress) ? 'must not point to a private, loopback or link-local address' : null;
  }

  /** The agent for a delivery: filtering, unless the host is allowed. */
  agentFor(url: URL): Agent | undefined {
    if (this.isAllowedHost(url)) return undefined;
    return url.protocol === 'https:' ? new RequestFilteringHttpsAgent() : new RequestFilteringHttpAgent();
  }
}

export const WEBHOOK_TARGET_GUARD = Symbol('WEBHOOK_TARGET_GUARD');
