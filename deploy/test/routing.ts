import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { SERVICE_NAMES } from './services';

/**
 * Every path API.md names, as a request path: `/api/v1` prefixed, `{id}` filled in, `<service>`
 * once per service, the query dropped.
 */
export function apiPaths(apiMarkdown: string): string[] {
  const paths = new Set<string>();
  for (const [, span] of apiMarkdown.matchAll(/`([^`]+)`/g)) {
    const path = /^(?:(?:GET|POST|PATCH|PUT|DELETE)\s+)?(\/[^\s?]*)/.exec(span)?.[1];
    if (!path || path === '/api/v1') continue;
    const full = (path.startsWith('/api/v1/') ? path : `/api/v1${path}`).replaceAll('{id}', '0193a5b2-7c1d-7e2f-8a3b-4c5d6e7f8091');
    for (const service of full.includes('<service>') ? SERVICE_NAMES : [undefined]) paths.add(service ? full.replace('<service>', service) : full);
  }
  return [...paths].sort();
}

interface CaddyRoute {
  /** Caddy path patterns; none: every path */
  patterns: string[];
  /** the upstream's host (its compose service), or undefined for `respond` */
  upstream?: string;
}

/**
 * The routes of deploy/proxy/Caddyfile's site block in order: its `handle` blocks with a named
 * path matcher, a path or nothing, and what each does (reverse_proxy to an upstream, or respond).
 * A small reading of the subset the file uses; `caddy validate` checks the whole syntax.
 */
export function caddyRoutes(caddyfile: string): CaddyRoute[] {
  const matchers = new Map<string, string[]>();
  for (const [, name, patterns] of caddyfile.matchAll(/^\s*@([\w-]+)\s+path\s+(.+)$/gm)) matchers.set(name, patterns.trim().split(/\s+/));
  const routes: CaddyRoute[] = [];
  for (const [, matcher, body] of caddyfile.matchAll(/^\s*handle(?:\s+([^\s{]+))?\s*\{([\s\S]*?)^\s*\}\s*$/gm)) {
    const patterns = !matcher ? [] : matcher.startsWith('@') ? matchers.get(matcher.slice(1)) : [matcher];
    if (!patterns) throw new Error(`Caddyfile: no matcher ${matcher}`);
    const upstream = /reverse_proxy\s+\{\$\w+:([\w-]+):\d+\}|reverse_proxy\s+([\w-]+):\d+/.exec(body);
    routes.push({ patterns, upstream: upstream ? upstream[1] ?? upstream[2] : undefined });
  }
  return routes;
}

function caddyPathMatches(pattern: string, path: string): boolean {
  const [p, q] = [pattern.toLowerCase(), path.toLowerCase()];
  return p.endsWith('*') ? q.startsWith(p.slice(0, -1)) : q === p;
}

/** Where Caddy sends a request path: the upstream host, or undefined when it answers itself. */
export function caddyDestination(routes: CaddyRoute[], path: string): string | undefined {
  const route = routes.find((r) => r.patterns.length === 0 || r.patterns.some((pattern) => caddyPathMatches(pattern, path.split('?')[0])));
  return route?.upstream;
}

interface IngressPath {
  path: string;
  pathType: string;
  backend: { service: { name: string } };
}

/** Where an Ingress sends a request path (the longest matching Prefix or Exact path wins). */
export function ingressDestination(ingress: { spec: { rules: { http: { paths: IngressPath[] } }[] } }, path: string): string | undefined {
  const requestPath = path.split('?')[0];
  const elements = (p: string) => p.split('/').filter(Boolean);
  const matches = ingress.spec.rules
    .flatMap((rule) => rule.http.paths)
    .filter((candidate) =>
      candidate.pathType === 'Exact'
        ? candidate.path === requestPath
        : elements(candidate.path).every((element, i) => elements(requestPath)[i] === element),
    )
    .sort((a, b) => b.path.length - a.path.length);
  return matches[0]?.backend.service.name;
}

export function readYamlDocuments(file: string): any[] {
  return parseAllDocuments(readFileSync(file, 'utf8')).map((document) => document.toJS());
}

export const REPO = join(__dirname, '..', '..');
