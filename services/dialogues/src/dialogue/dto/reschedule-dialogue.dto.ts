import { OmitType, PartialType } from '@nestjs/swagger';
import { ScheduleDialogueDto } from './schedule-dialogue.dto';

/** The kind, the convenor and the place in a series stay; everything else may change. */
export class RescheduleDialogueDto extends PartialType(
  OmitType(ScheduleDialogueDto, ['kind', 'convenorOrganizationId', 'previousDialogueId'] as const),
) {}
