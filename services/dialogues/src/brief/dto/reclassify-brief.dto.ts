import { ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CLASSIFICATIONS, Classification } from '@liaison/contracts';
import { PublishBriefDto } from './publish-brief.dto';

/** A brief's reach: its classification and audience; its content does not change after publication. */
export class ReclassifyBriefDto extends PickType(PublishBriefDto, ['audience'] as const) {
  @ApiPropertyOptional({ enum: CLASSIFICATIONS, description: 'default: unchanged; amber must name audience.organizations, red audience.officers' })
  @IsOptional()
  @IsIn(CLASSIFICATIONS)
  classification?: Classification;
}
