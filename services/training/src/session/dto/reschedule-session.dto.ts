import { PartialType, PickType } from '@nestjs/swagger';
import { ScheduleSessionDto } from './schedule-session.dto';

/** Dates, seats and place; the course, organizers and audience stay (another audience is another session). */
export class RescheduleSessionDto extends PartialType(PickType(ScheduleSessionDto, ['startsAt', 'endsAt', 'seats', 'location', 'online'] as const)) {}
