import { Controller, Get, type INestApplication, Injectable, type LoggerService, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import pino from 'pino';
import request from 'supertest';
import { NestPinoLogger } from './logging';
import { ProblemDetailsFilter } from './problem-details.filter';
import { ServiceLog, ServiceLogModule } from './service-log';

@Controller('boom')
class BoomController {
  @Get()
  boom(): never {
    throw new Error('the disk is on fire');
  }
}

@Injectable()
class Worker implements OnApplicationBootstrap {
  private readonly logger: LoggerService;

  constructor(log: ServiceLog) {
    this.logger = log.for(Worker.name);
  }

  onApplicationBootstrap(): void {
    this.logger.warn('started without a mail server');
  }
}

// Two services' applications in one process, as the standalone host mounts them: each one's
// lines must name it, although Nest's static logger is the one of the application built last.
describe("ServiceLog: a service's lines name the service, in a process it shares with others", () => {
  const lines: Array<Record<string, any>> = [];
  const apps: INestApplication[] = [];

  async function serviceApp(service: string): Promise<INestApplication> {
    const logger = pino({ base: { service } }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    @Module({
      imports: [ServiceLogModule.forRoot(new ServiceLog(logger))],
      controllers: [BoomController],
      providers: [Worker, { provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    })
    class ServiceAppModule {}
    const moduleRef = await Test.createTestingModule({ imports: [ServiceAppModule] }).compile();
    // as createServiceApp does: the application's Nest logger (which Nest makes the process's static one)
    const app = moduleRef.createNestApplication(new FastifyAdapter(), { logger: new NestPinoLogger(logger) });
    apps.push(app);
    return app;
  }

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
  });

  it('a background class and a 500 of the first service built say so, after the second was built', async () => {
    const dialogues = await serviceApp('dialogues');
    const notifications = await serviceApp('notifications');
    for (const app of [dialogues, notifications]) {
      await app.init();
      await (app as NestFastifyApplication).getHttpAdapter().getInstance().ready();
    }
    expect((await request(dialogues.getHttpServer()).get('/boom')).status).toBe(500);

    expect(lines.filter((line) => line.context === 'Worker').map((line) => [line.service, line.msg])).toEqual([
      ['dialogues', 'started without a mail server'],
      ['notifications', 'started without a mail server'],
    ]);
    const failed = lines.filter((line) => line.context === 'Problem');
    expect(failed).toEqual([expect.objectContaining({ service: 'dialogues', level: 50, msg: 'request failed', url: '/boom', err: expect.objectContaining({ message: 'the disk is on fire' }) })]);
  });
});
