import { IsArray, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { defineEvent } from '../envelope';
import { Classified, Reclassification } from '../vocabulary/classified';
import { IsCountryCode } from '../vocabulary/countries';
import { LANGUAGES, Language, REGIONS, Region, THEMES, Theme } from '../vocabulary/domain';
import { IsTimestamp } from '../vocabulary/temporal';

/**
 * A brief without its body: the body stays with its owner and is read through its API, where
 * the visibility rule applies. The summary is what an inbox item or a digest line shows.
 */
export class BriefState extends Classified {
  @IsUUID()
  briefId: string;

  @IsString()
  @Length(1, 300)
  title: string;

  /** A short excerpt of the body, for inbox items, digests and webhooks. */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  summary?: string;

  @IsIn(LANGUAGES)
  language: Language;

  @IsArray()
  @IsCountryCode({ each: true })
  countries: string[];

  @IsOptional()
  @IsIn(REGIONS)
  region?: Region;

  @IsArray()
  @IsIn(THEMES, { each: true })
  themes: Theme[];

  /** The author's desk, absent when the author has none. */
  @IsOptional()
  @IsUUID()
  deskId?: string;

  @IsOptional()
  @IsUUID()
  dialogueId?: string;

  @IsTimestamp()
  publishedAt: string;
}

export class BriefPublished extends BriefState {}

/** Carries the brief as it was, so every consumer can retract what it showed of it. */
export class BriefWithdrawn extends BriefState {
  @IsUUID()
  withdrawnBy: string;

  @IsTimestamp()
  withdrawnAt: string;
}

export const BriefPublishedEvent = defineEvent({
  service: 'dialogues',
  aggregate: 'brief',
  verb: 'published',
  payload: BriefPublished,
  description: 'A desk shared a brief on an issue of concern (countries, region, themes).',
});

export const BriefWithdrawnEvent = defineEvent({
  service: 'dialogues',
  aggregate: 'brief',
  verb: 'withdrawn',
  payload: BriefWithdrawn,
  description: 'A published brief was withdrawn; consumers remove what they show of it.',
});

/** Its classification, audience, origin or author changed; the record's content is not repeated. */
export class BriefReclassified extends Reclassification {
  @IsUUID()
  briefId: string;
}

export const BriefReclassifiedEvent = defineEvent({
  service: 'dialogues',
  aggregate: 'brief',
  verb: 'reclassified',
  payload: BriefReclassified,
  description: 'A brief changed who may see it (classification, audience, origin or author); consumers apply the new reach to what they already show or still have to send.',
});
