import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { LANGUAGES, Language, THEMES, Theme } from '@liaison/contracts';
import { PageQuery } from '@liaison/http';

export class ListCoursesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: THEMES })
  @IsOptional()
  @IsIn(THEMES)
  topic?: Theme;

  @ApiPropertyOptional({ enum: LANGUAGES, description: 'courses taught in this language' })
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: Language;

  @ApiPropertyOptional({ format: 'uuid', description: 'courses published by this organization' })
  @IsOptional()
  @IsUUID()
  originOrganizationId?: string;
}
