import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { CLASSIFICATIONS, Classification, IsCountryCode, LANGUAGES, Language, REGIONS, Region, THEMES, Theme } from '@liaison/contracts';
import { PageQuery } from '@liaison/http';

export class ListBriefsQuery extends PageQuery {
  @ApiPropertyOptional({
    description:
      'full-text search (web search syntax: words, "phrases", or, -not), stemmed in each brief\'s own language; results best match first',
  })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  q?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsCountryCode()
  country?: string;

  @ApiPropertyOptional({ enum: REGIONS })
  @IsOptional()
  @IsIn(REGIONS)
  region?: Region;

  @ApiPropertyOptional({ enum: THEMES })
  @IsOptional()
  @IsIn(THEMES)
  theme?: Theme;

  @ApiPropertyOptional({ enum: LANGUAGES })
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: Language;

  @ApiPropertyOptional({ enum: CLASSIFICATIONS })
  @IsOptional()
  @IsIn(CLASSIFICATIONS)
  classification?: Classification;

  @ApiPropertyOptional({ format: 'uuid', description: 'briefs of this origin organization' })
  @IsOptional()
  @IsUUID()
  originOrganizationId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  deskId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  dialogueId?: string;
}
