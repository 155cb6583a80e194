import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ServiceConfig } from '@liaison/http';
import type { ServiceDefinition } from '@liaison/kit';
import { startTestService } from './test-service';

const REDOCLY = path.resolve(__dirname, '../../../node_modules/.bin/redocly');

interface LintReport {
  totals: { errors: number; warnings: number };
  problems: Array<{ ruleId: string; message: string; location?: Array<{ pointer?: string }> }>;
}

/** Lints an OpenAPI document with Redocly's recommended rules; every problem, errors and warnings alike. */
export function lintOpenApi(document: object): LintReport {
  const folder = mkdtempSync(path.join(tmpdir(), 'liaison-openapi-'));
  try {
    const file = path.join(folder, 'openapi.json');
    writeFileSync(file, JSON.stringify(document));
    const run = spawnSync(REDOCLY, ['lint', file, '--format', 'json', '--extends', 'recommended'], {
      encoding: 'utf8',
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    });
    const json = run.stdout.slice(run.stdout.indexOf('{'));
    return JSON.parse(json) as LintReport;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * The documents a service serves: its OpenAPI document passes Redocly's recommended rules with no
 * error or warning (summaries, security, problem responses), and its AsyncAPI document is served.
 */
export function describeServedDocuments<C extends ServiceConfig>(definition: ServiceDefinition<C>, schema: new () => C, env: Record<string, string> = {}): void {
  describe(`${definition.name}: its API documents`, () => {
    it('serves an OpenAPI document that passes the recommended lint, with problem responses on every route', async () => {
      const service = await startTestService(definition, schema, { env });
      try {
        const { body: document } = await service.http.get(`/api/v1/${definition.name}/openapi.json`).expect(200);
        const report = lintOpenApi(document);
        expect(report.problems.map((problem) => `${problem.ruleId}: ${problem.message} at ${problem.location?.[0]?.pointer}`)).toEqual([]);
        for (const item of Object.values<Record<string, { responses: Record<string, { content?: Record<string, unknown> }>; security?: unknown[] }>>(document.paths)) {
          for (const operation of Object.values(item)) {
            expect(operation.responses['429']?.content).toHaveProperty(['application/problem+json']);
            expect(Array.isArray(operation.security)).toBe(true);
          }
        }
        await service.http.get(`/api/v1/${definition.name}/asyncapi.json`).expect(200);
        // security headers on every reply, problem details included
        const refused = await service.http.get(`/api/v1/${definition.name}/no-such-route`);
        expect(refused.headers['x-content-type-options']).toBe('nosniff');
        expect(refused.headers['strict-transport-security']).toMatch(/max-age=/);
      } finally {
        await service.stop();
      }
    });
  });
}
