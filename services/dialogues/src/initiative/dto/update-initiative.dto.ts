import { OmitType, PartialType } from '@nestjs/swagger';
import { LaunchInitiativeDto } from './launch-initiative.dto';

/** The lead stays: another organization leading is another initiative. */
export class UpdateInitiativeDto extends PartialType(OmitType(LaunchInitiativeDto, ['leadOrganizationId'] as const)) {}
