import { OmitType, PartialType } from '@nestjs/swagger';
import { OpenDeskDto } from './open-desk.dto';

/** A desk stays with the organization that opened it. */
export class UpdateDeskDto extends PartialType(OmitType(OpenDeskDto, ['organizationId'] as const)) {}
