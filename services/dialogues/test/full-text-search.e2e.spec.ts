import { DataSource } from 'typeorm';
import { auth, Officer, RunningDialogues, startTestDialogues } from './harness';

// Real: Postgres 15 text search (snowball stemmers) on this file's own database. Each brief is
// stemmed in its own language; a query is matched in each brief's language.
describe('GET /briefs?q= full-text search, stemmed in the brief\'s language', () => {
  let service: RunningDialogues;
  let officer: Officer;
  const ids: Record<string, string> = {};

  const briefs = [
    { key: 'ar', language: 'ar', title: 'اجتماع المنظمة الإقليمية حول السودان', body: 'ناقش الاجتماع التوصية الخاصة بالوساطة.' },
    { key: 'en', language: 'en', title: 'Negotiation support in the Sahel', body: 'The mediator negotiated a ceasefire between the parties.' },
    { key: 'fr', language: 'fr', title: 'Médiation au Sahel', body: 'La négociation politique reprendra après les élections.' },
    { key: 'es', language: 'es', title: 'Elecciones regionales', body: 'La organización observará las elecciones presidenciales.' },
    { key: 'ru', language: 'ru', title: 'Переговоры в регионе', body: 'Организация поддерживает переговоры о прекращении огня.' },
    { key: 'zh', language: 'zh', title: '萨赫勒 调解 支持', body: '区域 组织 的 调解 工作' },
  ];

  beforeAll(async () => {
    let registryOfficer!: Officer;
    let orgId = '';
    service = await startTestDialogues('search', async (registry) => {
      const un = await registry.organization('UN', 'united-nations', 'global');
      orgId = un.id;
      registryOfficer = await registry.officer(un);
    });
    officer = registryOfficer;
    await service.known([orgId], [officer.id]);
    for (const brief of briefs) {
      const { key, ...fields } = brief;
      ids[key] = (await service.http.post('/api/v1/briefs').set(auth(officer)).send({ ...fields, classification: 'green' }).expect(201)).body.id;
    }
  });
  afterAll(() => service.stop());

  const search = async (q: string) =>
    (await service.http.get(`/api/v1/briefs?q=${encodeURIComponent(q)}`).set(auth(officer)).expect(200)).body.items.map((b: { id: string }) => b.id);

  // A long pending list (4 MB by default) is merged inside whichever brief batch's insert crosses it, stalling that batch.
  it('keeps the pending lists of the briefs\' GIN indexes short', async () => {
    const rows: Array<{ index: string; options: string[] }> = await service.app.get(DataSource).query(
      `SELECT relname AS index, reloptions AS options FROM pg_class WHERE relname IN ('briefs_search', 'briefs_countries', 'briefs_themes') ORDER BY relname`,
    );
    expect(rows).toEqual(['briefs_countries', 'briefs_search', 'briefs_themes'].map((index) => ({ index, options: ['gin_pending_list_limit=256'] })));
  });

  it('Arabic: a plural query finds the singular (المنظمات → المنظمة, الاجتماعات → اجتماع, التوصيات → التوصية)', async () => {
    expect(await search('المنظمات')).toEqual([ids.ar]);
    expect(await search('الاجتماعات')).toEqual([ids.ar]);
    expect(await search('التوصيات')).toEqual([ids.ar]);
  });

  it('English: negotiations finds negotiation and negotiated', async () => {
    expect(await search('negotiations')).toEqual([ids.en]);
    expect(await search('mediators')).toEqual([ids.en]);
  });

  it('French: négociations finds négociation, élection finds élections', async () => {
    expect(await search('négociations')).toEqual([ids.fr]);
    expect(await search('élection')).toEqual([ids.fr]);
  });

  it('Spanish and Russian stem too', async () => {
    expect(await search('elección')).toEqual([ids.es]);
    expect(await search('переговорах')).toEqual([ids.ru]);
  });

  it('Chinese matches words as written (simple configuration)', async () => {
    expect(await search('调解')).toEqual([ids.zh]);
  });

  it('web search syntax: phrases and exclusions; ranked, title above body', async () => {
    expect(await search('"negotiation support"')).toEqual([ids.en]);
    expect(await search('sahel -ceasefire')).toEqual([ids.fr]);
    const { body } = await service.http.get('/api/v1/briefs?q=sahel').set(auth(officer)).expect(200);
    expect(body.items.map((b: { id: string }) => b.id).sort()).toEqual([ids.en, ids.fr].sort());
    expect(body.items[0].rank).toBeGreaterThan(0);
  });

  it('pages search results with an opaque cursor, best match first', async () => {
    const { body: first } = await service.http.get('/api/v1/briefs?q=sahel&limit=1').set(auth(officer)).expect(200);
    expect(first.items).toHaveLength(1);
    const { body: second } = await service.http.get(`/api/v1/briefs?q=sahel&limit=1&cursor=${first.nextCursor}`).set(auth(officer)).expect(200);
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(first.items[0].rank).toBeGreaterThanOrEqual(second.items[0].rank);
    expect(new Set([first.items[0].id, second.items[0].id]).size).toBe(2);
    await service.http.get('/api/v1/briefs?q=sahel&cursor=bm90LWEtY3Vyc29y').set(auth(officer)).expect(400);
  });
});
