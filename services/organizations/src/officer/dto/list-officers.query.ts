import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsUUID } from 'class-validator';
import { Language, LANGUAGES, Role, ROLES } from '@liaison/contracts';
import { NameFilter, PageQuery } from '@liaison/http';

export class ListOfficersQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  deskId?: string;

  @ApiPropertyOptional({ enum: LANGUAGES })
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: Language;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail()
  email?: string;

  @NameFilter()
  name?: string;

  /** A picker's search: a colleague is often known by address better than by the spelling of a transliterated name. */
  @NameFilter('officers whose name contains this text, or whose e-mail address does among the addresses the caller may read; whatever its case')
  q?: string;
}
