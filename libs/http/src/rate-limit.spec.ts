import { Controller, Get, INestApplication, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createTestDatabase } from '@liaison/testing';
import { CreateRateLimitCounts1764380000001, EXACT_LIMIT_UP_TO, rateLimitKey, SharedRateLimitCounts } from './rate-limit';

@Controller('ping')
class PingController {
  @Get()
  ping(): { ok: true } {
    return { ok: true };
  }

  @Get('other')
  other(): { ok: true } {
    return { ok: true };
  }
}

// The real throttler guard on two real HTTP servers ("replicas") counting in one real database.
describe('rate limit counts shared by replicas', () => {
  const ttl = 600;
  let database: { url: string; drop: () => Promise<void> };
  let dataSource: DataSource;
  const apps: INestApplication[] = [];
  const storages: SharedRateLimitCounts[] = [];

  async function replica(): Promise<INestApplication> {
    const storage = new SharedRateLimitCounts(dataSource);
    storages.push(storage);
    @Module({
      imports: [ThrottlerModule.forRoot({ throttlers: [{ name: 'default', ttl, limit: 3 }], storage, generateKey: rateLimitKey })],
      controllers: [PingController],
      providers: [{ provide: APP_GUARD, useClass: ThrottlerGuard }],
    })
    class PingModule {}
    const moduleRef = await Test.createTestingModule({ imports: [PingModule] }).compile();
    const app = moduleRef.createNestApplication(new FastifyAdapter());
    await app.init();
    await (app as NestFastifyApplication).getHttpAdapter().getInstance().ready();
    apps.push(app);
    return app;
  }

  beforeAll(async () => {
    database = await createTestDatabase('rate_limit');
    dataSource = new DataSource({ type: 'postgres', url: database.url, migrations: [CreateRateLimitCounts1764380000001] });
    await dataSource.initialize();
    await dataSource.runMigrations();
  });

  afterAll(async () => {
    for (const app of apps) await app.close();
    for (const storage of storages) storage.stop();
    await dataSource.destroy();
    await database.drop();
  });

  it('counts a client across replicas: `limit` requests in all, then 429 with Retry-After on either, and in again after the block', async () => {
    const [one, two] = [request((await replica()).getHttpServer()), request((await replica()).getHttpServer())];
    const answers = [await one.get('/ping'), await two.get('/ping'), await one.get('/ping'), await two.get('/ping'), await one.get('/ping')];
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 429, 429]);
    expect(answers.map((answer) => answer.headers['x-ratelimit-remaining'])).toEqual(['2', '1', '0', undefined, undefined]);
    expect(answers[3].headers['content-type']).toMatch(/json/);
    expect(Number(answers[3].headers['retry-after'])).toBeGreaterThan(0);
    // each route has its own count
    expect((await two.get('/ping/other')).status).toBe(200);

    await new Promise((resolve) => setTimeout(resolve, ttl + 50));
    const again = await two.get('/ping');
    expect(again.status).toBe(200);
    expect(again.headers['x-ratelimit-remaining']).toBe('2');
  });

  it('keeps each client and throttler apart, and forgets windows that are over', async () => {
    const counts = new SharedRateLimitCounts(dataSource);
    storages.push(counts);
    for (let i = 0; i < 5; i++) await counts.increment('busy', 60_000, 1000, 60_000, 'default');
    expect((await counts.increment('busy', 60_000, 1000, 60_000, 'default')).totalHits).toBe(6);
    expect(await counts.increment('quiet', 60_000, 5, 60_000, 'default')).toMatchObject({ totalHits: 1, isBlocked: false });
    expect(await counts.increment('busy', 60_000, 5, 60_000, 'burst')).toMatchObject({ totalHits: 1, isBlocked: false });
    await counts.increment('brief', 1, 5, 1, 'default');
    await new Promise((resolve) => setTimeout(resolve, 10));
    await counts.forgetIdle();
    const keys = (await dataSource.query(`SELECT key FROM rate_limit_counts`)).map((row: { key: string }) => row.key.split('\u0001')[1]);
    expect(keys).not.toContain('brief');
    expect(keys).toContain('busy');
  });

  it('counts a high limit in batches that still add up across replicas: each sees the others\' hits after a flush and refuses past the limit', async () => {
    const limit = EXACT_LIMIT_UP_TO + 50;
    const [one, two] = [new SharedRateLimitCounts(dataSource), new SharedRateLimitCounts(dataSource)];
    storages.push(one, two);
    const hit = (counts: SharedRateLimitCounts) => counts.increment('partner-system', 60_000, limit, 60_000, 'default');
    for (let i = 0; i < 100; i++) expect(await hit(one)).toMatchObject({ totalHits: i + 1, isBlocked: false });
    await one.flush();
    const [{ hits }] = await dataSource.query(`SELECT hits FROM rate_limit_counts WHERE key = $1`, ['default\u0001partner-system']);
    expect(hits).toBe(100);

    // the second replica's first flush brings back the first one's hundred
    expect(await hit(two)).toMatchObject({ totalHits: 1, isBlocked: false });
    await two.flush();
    const seen: boolean[] = [];
    for (let i = 0; i < 60; i++) seen.push((await hit(two)).isBlocked);
    expect(seen.indexOf(true)).toBe(limit - 101); // the 151st hit in all is the first refused
    expect(seen.slice(limit - 101).every(Boolean)).toBe(true);
    await two.flush();
    // the first replica decides on what it last read until its next flush, then refuses too
    await hit(one);
    await one.flush();
    expect(await hit(one)).toMatchObject({ isBlocked: true });
    expect((await hit(one)).timeToBlockExpire).toBeGreaterThan(0);
  });
});
