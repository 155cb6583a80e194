import { OmitType, PartialType } from '@nestjs/swagger';
import { PlanMilestoneDto } from './plan-milestone.dto';

/** A milestone stays with its programme; a new due date reschedules it. */
export class RescheduleMilestoneDto extends PartialType(OmitType(PlanMilestoneDto, ['programmeId'] as const)) {}
