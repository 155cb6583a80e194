import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsIn, IsUUID, ValidateNested } from 'class-validator';
import { CLASSIFICATIONS, Classification } from '../envelope';
import { AudienceDto } from './audience.dto';
import { IsTimestamp } from './temporal';

/**
 * The fields the visibility rule (libs/auth) needs, carried by every payload of a classified
 * aggregate so that fan-out, the live feed and webhooks decide without calling the owner back.
 * `classification` repeats the envelope's extension; `validateEnvelope` checks they agree.
 */
export abstract class Classified {
  @IsIn(CLASSIFICATIONS)
  classification: Classification;

  /** Always present, possibly with empty lists; only amber and red read it. */
  @ValidateNested()
  @Type(() => AudienceDto)
  audience: AudienceDto;

  @IsUUID()
  originOrganizationId: string;

  /** Red items are visible to their author, so the author travels with them. */
  @IsUUID()
  authorId: string;
}

/**
 * A record's reach changed: its classification, audience, origin or author as they are now (the
 * envelope's `sequence` orders it among the record's other events). No content of the record:
 * consumers that showed it apply the new reach to what they show and still have to send.
 */
export abstract class Reclassification extends Classified {
  @IsIn(CLASSIFICATIONS)
  previousClassification: Classification;

  /** The officer who changed it. */
  @IsUUID()
  reclassifiedBy: string;

  @IsTimestamp()
  reclassifiedAt: string;
}
