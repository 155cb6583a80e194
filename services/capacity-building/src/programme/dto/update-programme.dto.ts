import { ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PROGRAMME_STATUSES, ProgrammeStatus } from '@liaison/contracts';
import { LaunchProgrammeDto } from './launch-programme.dto';

/** The partner stays: another partner is another programme. `status: closed` closes it, for good. */
export class UpdateProgrammeDto extends PartialType(OmitType(LaunchProgrammeDto, ['partnerOrganizationId', 'status'] as const)) {
  @ApiPropertyOptional({
    format: 'uuid',
    description: "accepted only from the programme's origin organization (else 403), and only as the partner it has (else 400: another partner is another programme)",
  })
  @IsOptional()
  @IsUUID()
  partnerOrganizationId?: string;

  @ApiPropertyOptional({ enum: PROGRAMME_STATUSES, description: '`closed` publishes programme.closed; a closed programme changes no more (409), but for its classification and audience by its origin organization' })
  @IsOptional()
  @IsIn(PROGRAMME_STATUSES)
  status?: ProgrammeStatus;
}
