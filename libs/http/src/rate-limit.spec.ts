import { Controller, Get, INestApplication, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import request from 'supertest';
import { rateLimitKey, WindowedRateLimitCounts } from './rate-limit';

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

// The real throttler guard on a real HTTP server, counting with this storage.
describe('rate limit counts', () => {
  let app: INestApplication;
  const ttl = 400;

  beforeAll(async () => {
    @Module({
      imports: [ThrottlerModule.forRoot({ throttlers: [{ name: 'default', ttl, limit: 3 }], storage: new WindowedRateLimitCounts(), generateKey: rateLimitKey })],
      controllers: [PingController],
      providers: [{ provide: APP_GUARD, useClass: ThrottlerGuard }],
    })
    class PingModule {}
    const moduleRef = await Test.createTestingModule({ imports: [PingModule] }).compile();
    // on the server the services run on (libs/http createHttpAdapter)
    app = moduleRef.createNestApplication(new FastifyAdapter());
    await app.init();
    await (app as NestFastifyApplication).getHttpAdapter().getInstance().ready();
  });

  afterAll(() => app.close());

  it('lets a client make `limit` requests, refuses the next with 429 and Retry-After, and lets it in again after the block', async () => {
    const http = request(app.getHttpServer());
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await http.get('/ping'));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 429, 429]);
    expect(answers.map((answer) => answer.headers['x-ratelimit-remaining'])).toEqual(['2', '1', '0', undefined, undefined]);
    expect(Number(answers[3].headers['retry-after'])).toBeGreaterThan(0);
    // each route has its own count
    expect((await http.get('/ping/other')).status).toBe(200);

    await new Promise((resolve) => setTimeout(resolve, ttl + 50));
    const again = await http.get('/ping');
    expect(again.status).toBe(200);
    expect(again.headers['x-ratelimit-remaining']).toBe('2');
  });

  // The default storage filters every hit of the window on each request: 200,000 hits would take it hours.
  it('counts 200,000 hits of one client in a window, and each client and throttler apart', async () => {
    const counts = new WindowedRateLimitCounts();
    for (let i = 0; i < 200_000; i++) await counts.increment('busy', 60_000, 1_000_000, 60_000, 'default');
    expect((await counts.increment('busy', 60_000, 1_000_000, 60_000, 'default')).totalHits).toBe(200_001);
    expect(await counts.increment('quiet', 60_000, 5, 60_000, 'default')).toMatchObject({ totalHits: 1, isBlocked: false });
    expect(await counts.increment('busy', 60_000, 5, 60_000, 'burst')).toMatchObject({ totalHits: 1, isBlocked: false });
  });
});
