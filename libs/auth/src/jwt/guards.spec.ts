import 'reflect-metadata';
import { Controller, Get, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { ProblemDetailsFilter } from '@liaison/http';
import { AuthModule } from '../auth.module';
import type { MaybeViewer, Viewer } from '../viewer';
import { CurrentViewer, Public, Roles } from './decorators';
import { OfficerStanding, type Standing } from './officer-standing';
import { TokenIssuer } from './token-issuer';

// Real: a Nest application over HTTP with AuthModule's global guards.

const secret = 'a-test-secret-of-at-least-32-bytes!!';
const officer: Viewer = {
  officerId: '0190a8b2-7c4e-7a1b-9c3d-1e2f3a4b5c6d',
  organizationId: '0190a8b2-7c4e-7a1b-9c3d-1e2f3a4b5c6e',
  roles: ['officer'],
};
const admin: Viewer = { ...officer, roles: ['officer', 'admin'] };

@Controller('things')
class ThingsController {
  @Get('mine')
  mine(@CurrentViewer() viewer: Viewer): Viewer {
    return viewer;
  }

  @Public()
  @Get('public')
  open(@CurrentViewer() viewer: MaybeViewer): { viewer: MaybeViewer } {
    return { viewer };
  }

  @Roles('admin')
  @Get('admin')
  administer(@CurrentViewer() viewer: Viewer): Viewer {
    return viewer;
  }
}

@Public()
@Controller('health')
class HealthController {
  @Get()
  live(): { ok: true } {
    return { ok: true };
  }
}

let app: INestApplication;
let officerToken: string;
let adminToken: string;

beforeAll(async () => {
  const moduleRef = await Test.createTestingModule({
    imports: [AuthModule.forRoot({ jwtSecret: secret })],
    controllers: [ThingsController, HealthController],
  }).compile();
  // on the server the services run on (libs/http createHttpAdapter)
  app = moduleRef.createNestApplication(new FastifyAdapter());
  await app.init();
  await (app as NestFastifyApplication).getHttpAdapter().getInstance().ready();
  const issuer = app.get(TokenIssuer);
  officerToken = (await issuer.issue(officer)).accessToken;
  adminToken = (await issuer.issue(admin)).accessToken;
});

afterAll(() => app?.close());

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('JwtAuthGuard and RolesGuard, guarding every route', () => {
  it('401 without a token, naming the Bearer scheme', async () => {
    const response = await request(app.getHttpServer()).get('/things/mine');
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
  });

  it('401 with a bad token or another scheme', async () => {
    expect((await request(app.getHttpServer()).get('/things/mine').set(bearer('not.a.token'))).status).toBe(401);
    expect((await request(app.getHttpServer()).get('/things/mine').set({ authorization: `Basic ${officerToken}` })).status).toBe(401);
  });

  it('gives the handler the viewer of a valid token', async () => {
    const response = await request(app.getHttpServer()).get('/things/mine').set(bearer(officerToken));
    expect(response.status).toBe(200);
    expect(response.body).toEqual(officer);
  });

  it('403 for a route that needs a role the viewer lacks; 200 with it', async () => {
    expect((await request(app.getHttpServer()).get('/things/admin').set(bearer(officerToken))).status).toBe(403);
    expect((await request(app.getHttpServer()).get('/things/admin')).status).toBe(401);
    const response = await request(app.getHttpServer()).get('/things/admin').set(bearer(adminToken));
    expect(response.status).toBe(200);
    expect(response.body).toEqual(admin);
  });

  it('@Public() routes and controllers need no token; the viewer is then null', async () => {
    expect((await request(app.getHttpServer()).get('/health')).status).toBe(200);
    const anonymous = await request(app.getHttpServer()).get('/things/public');
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).toEqual({ viewer: null });
  });

  it('@Public() routes still name a viewer with a valid token, and ignore a bad one', async () => {
    const named = await request(app.getHttpServer()).get('/things/public').set(bearer(officerToken));
    expect(named.body).toEqual({ viewer: officer });
    const stale = await request(app.getHttpServer()).get('/things/public').set(bearer('not.a.token'));
    expect(stale.status).toBe(200);
    expect(stale.body).toEqual({ viewer: null });
  });
});

describe('AuthModule', () => {
  it('refuses to start without a key source', () => {
    expect(() => AuthModule.forRoot({})).toThrow(/jwtSecret/);
  });

  it('forRootAsync takes the options from a factory', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [AuthModule.forRootAsync({ useFactory: async () => ({ jwtSecret: secret, tokenExpiresInSeconds: 60 }) })],
    }).compile();
    await expect(moduleRef.get(TokenIssuer).issue(officer)).resolves.toMatchObject({ expiresIn: 60 });
    await moduleRef.close();
  });
});

/** The registry as a map the test changes, standing in for a service's read model. */
class RegistryOfTheTest extends OfficerStanding {
  static officers = new Map<string, Standing>();
  async standing(officerId: string): Promise<Standing | null> {
    return RegistryOfTheTest.officers.get(officerId) ?? null;
  }
}

describe('a token is honoured only while the registry agrees with it', () => {
  let guarded: INestApplication;
  let adminToken: string;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [AuthModule.forRoot({ jwtSecret: secret, standing: RegistryOfTheTest })],
      controllers: [ThingsController],
    }).compile();
    guarded = moduleRef.createNestApplication(new FastifyAdapter());
    guarded.useGlobalFilters(new ProblemDetailsFilter());
    await guarded.init();
    await (guarded as NestFastifyApplication).getHttpAdapter().getInstance().ready();
    adminToken = (await guarded.get(TokenIssuer).issue(admin)).accessToken;
  });

  afterAll(() => guarded?.close());

  const change = async (standing: Standing | null) => {
    if (standing) RegistryOfTheTest.officers.set(admin.officerId, standing);
    else RegistryOfTheTest.officers.delete(admin.officerId);
    // past the guard's short reuse of a read
    await new Promise((resolve) => setTimeout(resolve, 600));
  };
  const get = (path: string) => request(guarded.getHttpServer()).get(path).set(bearer(adminToken));

  it.each([
    ['left', { organizationId: admin.organizationId, roles: ['officer', 'admin'], active: false } as Standing, /has left/],
    ['moved to another organization', { organizationId: officer.officerId, roles: ['officer', 'admin'], active: true } as Standing, /another organization/],
    ['demoted', { organizationId: admin.organizationId, roles: ['officer'], active: true } as Standing, /no longer holds the role admin/],
    ['unknown to the registry', null, /not known to the registry/],
  ])('an officer %s: 401 with problem details saying why, on every route; a public route sees the public', async (_case, standing, why) => {
    await change({ organizationId: admin.organizationId, roles: ['officer', 'admin'], active: true });
    expect((await get('/things/admin')).status).toBe(200);
    await change(standing);
    for (const path of ['/things/admin', '/things/mine']) {
      const refused = await get(path);
      expect(refused.status).toBe(401);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.body.detail).toMatch(why);
    }
    expect((await get('/things/public')).body).toEqual({ viewer: null });
  });

  it('the new token of an officer who just moved is honoured at once, the old one refused', async () => {
    await change({ organizationId: admin.organizationId, roles: ['officer', 'admin'], active: true });
    expect((await get('/things/mine')).status).toBe(200);
    RegistryOfTheTest.officers.set(admin.officerId, { organizationId: officer.officerId, roles: ['officer'], active: true });
    const moved = (await guarded.get(TokenIssuer).issue({ officerId: admin.officerId, organizationId: officer.officerId, roles: ['officer'] })).accessToken;
    expect((await request(guarded.getHttpServer()).get('/things/mine').set(bearer(moved))).status).toBe(200);
    expect((await get('/things/mine')).status).toBe(401);
  });

  it('a role the registry grants beyond the token takes nothing away', async () => {
    await change({ organizationId: admin.organizationId, roles: ['officer', 'admin'], active: true });
    const officerToken = (await guarded.get(TokenIssuer).issue({ ...admin, roles: ['officer'] })).accessToken;
    expect((await request(guarded.getHttpServer()).get('/things/mine').set(bearer(officerToken))).status).toBe(200);
  });
});
