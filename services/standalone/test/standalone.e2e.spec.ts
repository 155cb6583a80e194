import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Client } from 'pg';
import { TokenIssuer } from '@liaison/auth';
import { BriefPublishedEvent, createEvent, EXAMPLE_DATA } from '@liaison/contracts';
import { serviceDatabase, StandaloneProcess, until } from './standalone-process';

// Real: `npm start`'s command in a child process, on a fresh data directory of this file: its own
// Postgres, every service, the in-process bus. The test reaches it over HTTP, reads the services'
// databases, and kills it as a user (or the machine) would. The tests run in order on one directory.

/** The JSON lines of the host's output. */
const logLines = (text: string) =>
  text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { level: number; msg: string; service: string; context?: string });

const CONSOLE_HEADERS = ['x-frame-options', 'x-content-type-options', 'referrer-policy', 'content-security-policy'];

describe('standalone: all of Liaison in one process on one data directory', () => {
  let dataDir: string;
  let host: StandaloneProcess;
  const people: Record<string, { id: string; org: string; token: string }> = {};
  const databases: Client[] = [];

  const send = async (method: string, route: string, token: string, body?: unknown) => {
    const response = await fetch(`${host.url}/api/v1${route}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  };
  /** as a client honouring Retry-After: a write refused while delivery is behind (503) is sent again */
  const call = async (method: string, route: string, token: string, body?: unknown) => {
    for (const deadline = Date.now() + 30_000; ; ) {
      const reply = await send(method, route, token, body);
      if (reply.status !== 503 || !reply.headers.get('retry-after') || Date.now() > deadline) return reply;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  };
  const database = async (service: string) => {
    const client = await serviceDatabase(dataDir, service);
    databases.push(client);
    return client;
  };
  const inboxItems = async (name: string, briefId: string) => {
    const notifications = await database('notifications');
    try {
      return (await notifications.query(`SELECT * FROM notification_inbox WHERE officer_id = $1 AND aggregate_id = $2`, [people[name].id, briefId])).rows;
    } finally {
      await notifications.end();
      databases.splice(databases.indexOf(notifications), 1);
    }
  };
  const inboxTitles = async (name: string, briefId: string) =>
    ((await call('GET', '/notifications', people[name].token)).body.items as Array<{ title: string; link: string }>)
      .filter((item) => item.link === `/briefs/${briefId}`)
      .map((item) => item.title);

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'liaison-standalone-'));
    // the console too is the one `npm start` builds (apps/console/dist)
    host = await StandaloneProcess.start(dataDir);
    // the demo officers' tokens, signed with the data directory's secret (logins are rate-limited)
    const { jwtSecret } = JSON.parse(await readFile(path.join(dataDir, 'credentials.json'), 'utf8')) as { jwtSecret: string };
    const issuer = new TokenIssuer({ jwtSecret });
    const organizations = await database('organizations');
    const { rows } = await organizations.query(`SELECT id, organization_id, email, roles FROM officers`);
    const names: Record<string, string> = {
      'amina.diallo@un.example.org': 'un',
      'li.wei@un.example.org': 'unZh',
      'kwame.mensah@au.example.org': 'au',
      'claire.martin@eu.example.org': 'eu',
      'lucia.fernandez@oas.example.org': 'oas',
      'irina.volkova@osce.example.org': 'osce',
      'awa.ndiaye@ecowas.example.org': 'ecowas',
      'omar.haddad@las.example.org': 'las',
    };
    for (const row of rows as Array<{ id: string; organization_id: string; email: string; roles: string[] }>) {
      const name = names[row.email];
      if (!name) continue;
      const { accessToken } = await issuer.issue({ officerId: row.id, organizationId: row.organization_id, roles: row.roles as Array<'officer' | 'admin'> });
      people[name] = { id: row.id, org: row.organization_id, token: accessToken };
    }
  }, 180_000);

  afterAll(async () => {
    await Promise.all(databases.map((client) => client.end()));
    await host?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }, 60_000);

  it('creates the demo world: seven organizations, officers in the six languages, each with an inbox', async () => {
    expect(Object.keys(people).sort()).toEqual(['au', 'ecowas', 'eu', 'las', 'oas', 'osce', 'un', 'unZh']);
    const { body: organizations } = await call('GET', '/organizations?limit=50', people.un.token);
    expect(organizations.items.map((organization: { acronym: string }) => organization.acronym).sort()).toEqual(['AU', 'ECOWAS', 'EU', 'LAS', 'OAS', 'OSCE', 'UN']);
    expect(host.text()).toContain('omar.haddad@las.example.org');
    const notifications = await database('notifications');
    // the fan-out of the demo's last writes may still be under way when the host says it serves
    const inboxes = async () => new Set((await notifications.query(`SELECT DISTINCT officer_id FROM notification_inbox`)).rows.map((row: { officer_id: string }) => row.officer_id));
    const withInbox = await until(inboxes, (officers) => Object.values(people).every((person) => officers.has(person.id)));
    for (const name of Object.keys(people)) expect({ name, inbox: withInbox.has(people[name].id) }).toEqual({ name, inbox: true });
    const overdue = await call('GET', '/recommendations?overdue=true', people.un.token);
    expect(overdue.body.items).toHaveLength(1);
    const programmes = await call('GET', '/programmes', people.au.token);
    expect(programmes.body.items).toEqual([expect.objectContaining({ partnerOrganizationId: people.au.org, progress: expect.objectContaining({ total: 2, done: 0 }) })]);
    const milestones = await call('GET', `/milestones?programmeId=${programmes.body.items[0].id}`, people.au.token);
    const today = new Date().toISOString().slice(0, 10);
    expect(milestones.body.items.filter((milestone: { dueOn: string }) => milestone.dueOn < today)).toHaveLength(1);
    const enrolments = await Promise.all(
      ['au', 'ecowas', 'eu'].map(async (name) =>
        ((await call('GET', '/enrolments', people[name].token)).body.items as Array<{ officerId: string }>).find((enrolment) => enrolment.officerId === people[name].id),
      ),
    );
    expect(enrolments.map((enrolment) => (enrolment as unknown as { status: string }).status)).toEqual(['confirmed', 'confirmed', 'waitlisted']);
  });

  it('starts without an error or a false alarm in its log: what an operator sees first says nothing is wrong', () => {
    const logged = logLines(host.text());
    expect(logged.filter((line) => line.level >= 50 || line.context === 'DataSourceNameRegistry')).toEqual([]);
    // what it does say, it says once (not once for each of its two threads)
    expect(logged.filter((line) => line.msg === 'SMTP_URL is not set: e-mails are kept and not sent')).toHaveLength(1);
  });

  it('a green brief on Sudan reaches the Africa and mediation subscribers in their languages, and nobody else', async () => {
    const published = await call('POST', '/briefs', people.au.token, {
      title: 'Darfur: humanitarian access', body: 'Full body, kept in dialogues.', classification: 'green', countries: ['SD'], region: 'africa', themes: ['mediation'],
    });
    expect(published.status).toBe(201);
    const brief = published.body.id as string;
    expect(await until(() => inboxTitles('ecowas', brief), (titles) => titles.length > 0)).toEqual(['Note de AU : Darfur: humanitarian access']);
    expect(await until(() => inboxTitles('un', brief), (titles) => titles.length > 0)).toEqual(['AU brief: Darfur: humanitarian access']);
    expect(await until(() => inboxTitles('unZh', brief), (titles) => titles.length > 0)).toEqual(['AU 简报：Darfur: humanitarian access']);
    expect(await inboxItems('ecowas', brief)).toHaveLength(1);

    await new Promise((resolve) => setTimeout(resolve, 1000));
    for (const name of ['eu', 'oas', 'osce', 'las']) expect({ name, items: await inboxItems(name, brief) }).toEqual({ name, items: [] });
  }, 60_000);

  it('an amber brief for the UN reaches UN officers only', async () => {
    const published = await call('POST', '/briefs', people.au.token, {
      title: 'Restricted: Sudan talks', body: 'Only for the UN.', classification: 'amber', countries: ['SD'], region: 'africa', themes: ['mediation'],
      audience: { organizations: [people.un.org], officers: [] },
    });
    expect(published.status).toBe(201);
    const brief = published.body.id as string;
    expect(await until(() => inboxTitles('unZh', brief), (titles) => titles.length > 0)).toEqual(['AU 简报：Restricted: Sudan talks']);
    expect(await until(() => inboxTitles('un', brief), (titles) => titles.length > 0)).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    for (const name of ['ecowas', 'eu', 'oas', 'osce', 'las']) expect({ name, items: await inboxItems(name, brief) }).toEqual({ name, items: [] });
  }, 60_000);

  it('finds a brief by a word beside non-ASCII punctuation (« », 。): its Postgres splits words with UTF-8 character classes', async () => {
    const french = await call('POST', '/briefs', people.eu.token, {
      title: 'Sahel : le calendrier', body: 'Le sommet de «Nouakchott» a fixé le calendrier.', language: 'fr', classification: 'green', countries: ['MR'], region: 'africa',
    });
    const chinese = await call('POST', '/briefs', people.unZh.token, {
      title: '苏丹：进程', body: '双方同意，和平。会谈', language: 'zh', classification: 'green', countries: ['SD'], region: 'africa',
    });
    expect([french.status, chinese.status]).toEqual([201, 201]);
    const found = async (token: string, words: string) =>
      ((await call('GET', `/briefs?q=${encodeURIComponent(words)}`, token)).body.items as Array<{ id: string }>).map((item) => item.id);
    expect(await found(people.eu.token, 'Nouakchott')).toContain(french.body.id);
    expect(await found(people.unZh.token, '和平')).toContain(chinese.body.id);
  }, 60_000);

  it("a live feed served by the HTTP thread is nudged at once by the fan-out on the delivery thread (not by its 5 s fallback poll)", async () => {
    const stream = await fetch(`${host.url}/api/v1/notifications/stream`, { headers: { authorization: `Bearer ${people.ecowas.token}`, accept: 'text/event-stream' } });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    const decoder = new TextDecoder();
    const arrived: Array<{ link: string; at: number }> = [];
    let text = '';
    const reading = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        text += decoder.decode(value, { stream: true });
        for (let end = text.indexOf('\n\n'); end >= 0; end = text.indexOf('\n\n')) {
          const message = text.slice(0, end);
          text = text.slice(end + 2);
          const data = /^data: (.*)$/m.exec(message);
          if (/^event: notification$/m.test(message) && data) arrived.push({ link: (JSON.parse(data[1]) as { link: string }).link, at: Date.now() });
        }
      }
    })();
    try {
      // what the feed had before is sent first
      await new Promise((resolve) => setTimeout(resolve, 1000));
      // three briefs: the fallback poll, every 5 s, would bring at most one of them this fast by chance
      for (const n of [1, 2, 3]) {
        const sent = Date.now();
        const published = await call('POST', '/briefs', people.au.token, {
          title: `Live: Sudan update ${n}`, body: 'For the live feed.', classification: 'green', countries: ['SD'], region: 'africa', themes: ['mediation'],
        });
        expect(published.status).toBe(201);
        const link = `/briefs/${published.body.id as string}`;
        const seen = await until(async () => arrived.find((item) => item.link === link), Boolean, 10_000);
        expect(seen).toBeDefined();
        expect(seen!.at - sent).toBeLessThan(2_000);
      }
    } finally {
      await reader.cancel();
      await reading.catch(() => undefined);
    }
  }, 60_000);

  it('serves every service on one port: the merged OpenAPI document, health of all, metrics of all, the console for the rest', async () => {
    type Document = { paths: Record<string, object>; components: { schemas: Record<string, object> } };
    const document = (await (await fetch(`${host.url}/api/v1/openapi.json`)).json()) as Document;
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/token', '/api/v1/briefs', '/api/v1/programmes', '/api/v1/sessions', '/api/v1/subscriptions']));
    const mounted = ['organizations', 'dialogues', 'capacity-building', 'training', 'notifications'];
    // the merged document says of each route what its service's own document says: its problems, formats and security too
    for (const service of mounted) {
      const own = (await (await fetch(`${host.url}/api/v1/${service}/openapi.json`)).json()) as Document;
      expect(Object.keys(own.paths).length).toBeGreaterThan(0);
      for (const [path, operations] of Object.entries(own.paths)) expect({ path, operations: document.paths[path] }).toEqual({ path, operations });
      for (const [name, schema] of Object.entries(own.components.schemas)) expect({ name, schema: document.components.schemas[name] }).toEqual({ name, schema });
    }
    const ready = await fetch(`${host.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(Object.keys(((await ready.json()) as { services: object }).services)).toEqual(expect.arrayContaining(mounted));
    const metrics = await (await fetch(`${host.url}/metrics`)).text();
    for (const service of mounted) expect(metrics).toContain(`service="${service}"`);
    // the web console, as npm start built it: where it is, said at start; its page, and the script that page loads
    expect(host.text()).toContain(`web console: ${host.url}/`);
    const page = await fetch(`${host.url}/`);
    const html = await page.text();
    expect(html).toContain('<div id="root">');
    // as the console's own server sends it in production: not to be framed by another site, nor sniffed, nor run a script from elsewhere
    expect(Object.fromEntries(CONSOLE_HEADERS.map((name) => [name, page.headers.get(name)]))).toEqual({
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'content-security-policy': expect.stringContaining("script-src 'self'"),
    });
    const script = /<script type="module" crossorigin src="(\/assets\/[^"]+\.js)"/.exec(html)![1];
    const served = await fetch(`${host.url}${script}`);
    expect(served.headers.get('content-type')).toContain('text/javascript');
    expect(await served.text()).toBe(await readFile(path.join(__dirname, '../../../apps/console/dist', script), 'utf8'));
    expect(await (await fetch(`${host.url}/briefs/some-id`)).text()).toBe(html);
    const malformed = await fetch(`${host.url}/briefs/%E0%A4%A`);
    expect(malformed.status).toBe(404);
    expect(malformed.headers.get('content-type')).toContain('application/problem+json');
    expect(await (await fetch(`${host.url}/..%2fcredentials.json`)).text()).not.toContain('jwtSecret');
    const unknown = await fetch(`${host.url}/api/v1/nothing-here`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    // the host's own answers carry the services' security headers too
    for (const own of [unknown, malformed, ready]) expect(own.headers.get('x-content-type-options')).toBe('nosniff');
    // refused by the HTTP parser before the gateway sees it: problem details all the same
    const oversize = await fetch(`${host.url}/api/v1/briefs?q=${'x'.repeat(20_000)}`);
    expect(oversize.status).toBe(431);
    expect(oversize.headers.get('content-type')).toContain('application/problem+json');
    expect(await oversize.json()).toMatchObject({ status: 431, title: 'Request Header Fields Too Large' });
  });

  it('takes a burst of writes larger than it handles at once: the rest wait their turn instead of being refused', async () => {
    const brief = { body: 'One of a burst.', classification: 'green', countries: ['SD'], region: 'africa', themes: ['mediation'] };
    const replies = await Promise.all(Array.from({ length: 100 }, (_, index) => send('POST', '/briefs', people.au.token, { ...brief, title: `Burst ${index}` })));
    expect(replies.filter((reply) => reply.status !== 201).map((reply) => reply.body)).toEqual([]);
    const dialogues = await database('dialogues');
    const unsent = async () => (await dialogues.query(`SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL`)).rows[0].n as number;
    expect(await until(unsent, (n) => n === 0, 30_000)).toBe(0);
  }, 60_000);

  it('refuses writes to a service whose event delivery is behind (503 problem+json, Retry-After, nothing written), serves reads, and takes writes again once delivery caught up', async () => {
    const brief = { body: 'Held up.', classification: 'green', countries: ['SD'], region: 'africa', themes: ['mediation'] };
    const dialogues = await database('dialogues');
    const titled = async (title: string) => (await dialogues.query(`SELECT count(*)::int AS n FROM briefs WHERE title = $1`, [title])).rows[0].n as number;
    // notifications cannot record what it handles: dialogues' events wait, unsent
    const holder = await database('notifications');
    await holder.query(`BEGIN`);
    await holder.query(`LOCK TABLE inbox IN ACCESS EXCLUSIVE MODE`);
    let first: string;
    try {
      const accepted = await send('POST', '/briefs', people.au.token, { ...brief, title: 'Held: first' });
      expect(accepted.status).toBe(201);
      first = accepted.body.id;
      // past the bound (1 s by default), writes are refused before dialogues sees them: an
      // invalid one is answered 422 until then, 503 from then on
      await until(() => send('POST', '/briefs', people.au.token, {}), (reply) => reply.status === 503, 15_000);
      const refused = await send('POST', '/briefs', people.au.token, { ...brief, title: 'Held: refused' });
      expect(refused.status).toBe(503);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(refused.body).toMatchObject({ status: 503, title: 'Service Unavailable', detail: expect.stringContaining('dialogues is') });
      expect(await titled('Held: refused')).toBe(0);
      expect((await send('GET', '/briefs?limit=5', people.au.token)).status).toBe(200);
    } finally {
      await holder.query(`ROLLBACK`);
    }
    const later = await until(() => send('POST', '/briefs', people.au.token, { ...brief, title: 'Held: later' }), (reply) => reply.status === 201, 30_000);
    expect(later.status).toBe(201);
    expect(await until(() => inboxTitles('un', first), (titles) => titles.length > 0)).toEqual(['AU brief: Held: first']);
  }, 90_000);

  it('refuses a second process on the same data directory, with a message saying which process holds it', async () => {
    // on the same port too, as a second `npm start` would be: the data directory is what it is told of
    const second = StandaloneProcess.spawn(dataDir, [], { PORT: new URL(host.url).port });
    expect(await second.waitForExit()).toBe(1);
    expect(second.text()).toContain(`is in use by another Liaison process (pid ${host.pid})`);
    expect((await fetch(`${host.url}/health/ready`)).status).toBe(200);
  }, 60_000);

  it("starts its Postgres again when it is killed (the machine's out-of-memory killer, say): the same process goes on taking writes and delivering them", async () => {
    // the test's own connections go down with the server
    await Promise.all(databases.splice(0).map((client) => client.end().catch(() => undefined)));
    const postmaster = Number((await readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[0]);
    process.kill(postmaster, 'SIGKILL');

    // as a client honouring Retry-After: refused with 503 while the server is away, then taken
    const published = await call('POST', '/briefs', people.au.token, {
      title: 'After the outage: Khartoum', body: 'Written while its Postgres came back.', classification: 'green', countries: ['SD'], region: 'africa', themes: ['mediation'],
    });
    expect(published.status).toBe(201);
    const brief = published.body.id as string;
    // the write may have met a backend of the killed server still answering: the host's word comes within a second or so
    const said = await until(async () => host.text(), (text) => /the embedded Postgres is running again/.test(text), 60_000);
    expect(said).toContain('the embedded Postgres stopped unexpectedly');
    expect(said).toMatch(/the embedded Postgres is running again, [\d.]+ s after it stopped/);
    // each service's relays said they lost their connection, each under its own service's name
    const relayLines = logLines(said).filter((line) => line.context === 'OutboxRelay' && line.msg.startsWith('Outbox LISTEN connection lost'));
    expect(new Set(relayLines.map((line) => line.service))).toEqual(new Set(['organizations', 'dialogues', 'notifications', 'capacity-building', 'training']));
    expect(await until(() => inboxTitles('un', brief), (titles) => titles.length > 0, 30_000)).toEqual(['AU brief: After the outage: Khartoum']);
    expect(await inboxItems('ecowas', brief)).toHaveLength(1);
    expect((await fetch(`${host.url}/health/ready`)).status).toBe(200);
  }, 90_000);

  it('after a SIGKILL right after a write was acknowledged, the restart delivers its event once, and keeps the data without a second demo world', async () => {
    const published = await call('POST', '/briefs', people.au.token, {
      title: 'Killed: El Fasher update', body: 'Written just before the crash.', classification: 'green', countries: ['SD'], region: 'africa', themes: ['mediation'],
    });
    expect(published.status).toBe(201);
    expect(await host.kill('SIGKILL')).toBeNull();
    const brief = published.body.id as string;
    await Promise.all(databases.splice(0).map((client) => client.end().catch(() => undefined)));

    host = await StandaloneProcess.start(dataDir);
    expect(host.text()).not.toContain('Creating the demo world');
    const items = await until(() => inboxItems('ecowas', brief), (rows) => rows.length > 0);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await inboxItems('ecowas', brief)).toHaveLength(items.length);
    expect(items).toHaveLength(1);
    expect(await inboxItems('un', brief)).toHaveLength(1);

    const { body: organizations } = await call('GET', '/organizations?limit=50', people.un.token);
    expect(organizations.items).toHaveLength(7);
    const { body: briefs } = await call('GET', '/briefs?limit=200', people.un.token);
    expect(briefs.items.map((item: { title: string }) => item.title)).toEqual(expect.arrayContaining(['Darfur: humanitarian access', 'Killed: El Fasher update']));
    expect(briefs.items.filter((item: { title: string }) => item.title === 'Sudan: the mediation track after the Jeddah talks')).toHaveLength(1);
  }, 180_000);

  it('keeps a dead letter across a restart: a UN admin lists it after, replays it (still poison, set aside again) and discards it, audited', async () => {
    // a brief.published whose payload does not validate, as a faulty release of dialogues would write it
    const example = EXAMPLE_DATA['liaison.brief.published.v1'];
    const data: Partial<typeof example> = { ...example };
    delete data.title;
    const poison = createEvent(BriefPublishedEvent, {
      subject: example.briefId, data: data as typeof example, classification: example.classification, originorg: example.originOrganizationId, sequence: 1,
    });
    const dialogues = await database('dialogues');
    await dialogues.query(`INSERT INTO outbox (id, subject, event) VALUES ($1, $2, $3)`, [poison.id, BriefPublishedEvent.subject, JSON.stringify(poison)]);
    await dialogues.query(`SELECT pg_notify('liaison_outbox', '')`);
    const organizations = await database('organizations');
    const { rows: admins } = await organizations.query(
      `SELECT o.id, o.organization_id FROM officers o JOIN organizations g ON g.id = o.organization_id WHERE 'admin' = ANY(o.roles) AND g.kind = 'united-nations' LIMIT 1`,
    );
    const { jwtSecret } = JSON.parse(await readFile(path.join(dataDir, 'credentials.json'), 'utf8')) as { jwtSecret: string };
    const { accessToken: unAdmin } = await new TokenIssuer({ jwtSecret }).issue({ officerId: admins[0].id, organizationId: admins[0].organization_id, roles: ['officer', 'admin'] });
    const deadLetters = async () => (await call('GET', '/notifications/dead-letters', unAdmin)).body.items as Array<{ id: string; eventId: string; error: string }>;
    const [before] = await until(deadLetters, (items) => items.some((item) => item.eventId === poison.id));
    expect(before).toMatchObject({ eventId: poison.id, error: expect.stringMatching(/title/) });

    await Promise.all(databases.splice(0).map((client) => client.end()));
    expect(await host.stop()).toBe(0);
    host = await StandaloneProcess.start(dataDir);
    expect(await deadLetters()).toEqual([before]);
    expect((await call('POST', `/notifications/dead-letters/${before.id}/replay`, unAdmin, {})).status).toBe(204);
    const [again] = await deadLetters();
    expect(again).toMatchObject({ eventId: poison.id, error: expect.stringMatching(/title/) });
    expect(again.id).not.toBe(before.id);
    expect((await call('POST', `/notifications/dead-letters/${again.id}/discard`, unAdmin, { reason: 'written by a faulty release' })).status).toBe(204);
    expect(await deadLetters()).toEqual([]);
    const notifications = await database('notifications');
    const { rows: audit } = await notifications.query(`SELECT action, resource_id FROM audit_log WHERE resource_type = 'dead-letter' ORDER BY action`);
    expect(audit).toEqual([
      { action: 'dead-letter.discarded', resource_id: poison.id },
      { action: 'dead-letter.replayed', resource_id: poison.id },
    ]);
  }, 180_000);

  it('stops on SIGTERM: services, then Postgres, then the lock; exit code 0', async () => {
    await Promise.all(databases.splice(0).map((client) => client.end()));
    expect(await host.stop()).toBe(0);
    await expect(readFile(path.join(dataDir, 'liaison.lock'), 'utf8')).rejects.toThrow(/ENOENT/);
    await expect(readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).rejects.toThrow(/ENOENT/);
  }, 60_000);
});
