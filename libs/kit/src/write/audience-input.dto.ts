import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsUUID } from 'class-validator';

/**
 * Who, beyond the origin, may see an amber or red record (API.md `audience`). Both lists are
 * optional here; the classification decides which one must be filled (libs/auth audienceProblems).
 */
export class AudienceInput {
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'amber: organizations (besides the origin) whose officers may see it' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  organizations?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'red: the officers (besides the author) who may see it' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  officers?: string[];
}
