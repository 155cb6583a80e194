import { IsArray, IsUUID } from 'class-validator';
import type { Audience } from '../envelope';

/**
 * Who, beyond the origin, may see an amber or red item (ARCHITECTURE.md, "Who may see what").
 * Both lists are always present, possibly empty, so consumers never guess what a missing list means.
 */
export class AudienceDto implements Audience {
  @IsArray()
  @IsUUID('all', { each: true })
  organizations: string[];

  @IsArray()
  @IsUUID('all', { each: true })
  officers: string[];
}
