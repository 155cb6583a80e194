import { ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsOptional, IsUUID, ValidateIf } from 'class-validator';
import { RegisterOfficerDto } from './register-officer.dto';

/** An officer stays in the organization that registered them; `deskId: null` leaves the desk. */
export class UpdateOfficerDto extends PartialType(OmitType(RegisterOfficerDto, ['organizationId', 'deskId'] as const)) {
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: "the officer's desk in their organization; null leaves it" })
  @IsOptional()
  @ValidateIf((_dto, value) => value !== null)
  @IsUUID()
  deskId?: string | null;
}

/** What officers may change about themselves; the rest is their administrators'. */
export const SELF_SERVICE_FIELDS: ReadonlyArray<keyof UpdateOfficerDto> = ['name', 'language', 'password'];
