import { Body, Controller, Get, Module, Post, Query } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { ApiProperty, ApiPropertyOptional, DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, IsString, ValidateNested } from 'class-validator';
import { COUNTRIES, IsCalendarDate, IsCountryCode, IsTimestamp } from '@liaison/contracts';
import { describeValidatedVocabulary } from './openapi-vocabulary';

class MeetingDay {
  @ApiProperty({ example: '2026-11-03' })
  @IsCalendarDate()
  heldOn: string;
}

class ScheduleMeeting {
  @ApiProperty({ example: '2026-11-03T09:00:00+01:00' })
  @IsTimestamp()
  startsAt: string;

  @ApiPropertyOptional({ type: [String], example: ['SD'] })
  @IsOptional()
  @IsCountryCode({ each: true })
  countries?: string[];

  @ApiPropertyOptional({ type: () => MeetingDay })
  @IsOptional()
  @ValidateNested()
  @Type(() => MeetingDay)
  day?: MeetingDay;

  @ApiProperty()
  @IsString()
  title: string;

  // validated but left out of the document on purpose
  @IsOptional()
  @IsTimestamp()
  internalClock?: string;
}

class ListMeetings {
  @ApiPropertyOptional()
  @IsOptional()
  @IsTimestamp()
  from?: string;
}

@Controller('meetings')
class MeetingsController {
  @Post()
  schedule(@Body() body: ScheduleMeeting): ScheduleMeeting {
    return body;
  }

  @Get()
  list(@Query() query: ListMeetings): ListMeetings {
    return query;
  }
}

@Module({ controllers: [MeetingsController] })
class MeetingsModule {}

type Schema = { type?: string; format?: string; enum?: string[]; $ref?: string; items?: Schema; properties?: Record<string, Schema>; required?: string[] };

// A generated client (the console's, a partner's) learns the vocabulary's rules from the document alone.
describe('the OpenAPI document states what the vocabulary validators accept', () => {
  let schemas: Record<string, Schema>;
  let parameters: Array<{ name: string; schema: Schema }>;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [MeetingsModule] }).compile();
    const app = moduleRef.createNestApplication(new FastifyAdapter());
    await app.init();
    describeValidatedVocabulary(app);
    const document = SwaggerModule.createDocument(app, new DocumentBuilder().setTitle('meetings').build());
    schemas = document.components?.schemas as Record<string, Schema>;
    parameters = (document.paths['/meetings'].get?.parameters ?? []) as typeof parameters;
    await app.close();
  });

  it('gives a time with an offset the date-time format, in a body and in a query', () => {
    expect(schemas.ScheduleMeeting.properties?.startsAt).toMatchObject({ type: 'string', format: 'date-time' });
    expect(parameters.find((parameter) => parameter.name === 'from')?.schema).toMatchObject({ type: 'string', format: 'date-time' });
  });

  it('gives a day the date format, in a nested class too', () => {
    expect(schemas.MeetingDay.properties?.heldOn).toMatchObject({ type: 'string', format: 'date' });
  });

  it('names the country codes once and refers to them from each list', () => {
    expect(schemas.CountryCode.enum).toEqual([...COUNTRIES]);
    expect(schemas.ScheduleMeeting.properties?.countries).toMatchObject({ type: 'array', items: { $ref: '#/components/schemas/CountryCode' } });
  });

  it('keeps what the decorators said: required fields, examples, and properties left out', () => {
    expect(schemas.ScheduleMeeting.required).toEqual(['startsAt', 'title']);
    expect(schemas.ScheduleMeeting.properties?.internalClock).toBeUndefined();
    expect(schemas.ScheduleMeeting.properties?.title).toEqual({ type: 'string' });
  });
});
