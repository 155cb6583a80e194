import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

/** A list filter on a name: the records whose name contains the text, whatever its case. */
export function NameFilter(description = 'records whose name contains this text, whatever its case') {
  return applyDecorators(ApiPropertyOptional({ description, minLength: 1, maxLength: 200 }), IsOptional(), IsString(), MinLength(1), MaxLength(200));
}

/** The ILIKE pattern for "contains", with the text's own `%`, `_` and `\` taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}
