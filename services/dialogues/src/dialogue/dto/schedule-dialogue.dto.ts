import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength, ValidateNested } from 'class-validator';
import { CLASSIFICATIONS, Classification, DIALOGUE_KINDS, DialogueKind, IsTimestamp } from '@liaison/contracts';
import { AudienceInput } from '@liaison/kit';

export class ScheduleDialogueDto {
  @ApiProperty({ enum: DIALOGUE_KINDS })
  @IsIn(DIALOGUE_KINDS)
  kind: DialogueKind;

  @ApiProperty({ example: 'Annual UN–OSCE staff-level meeting' })
  @IsString()
  @Length(1, 300)
  title: string;

  @ApiProperty({ type: [String], format: 'uuid', description: 'registered organizations taking part' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  participants: string[];

  @ApiPropertyOptional({
    format: 'uuid',
    description: "the convening organization (the record's origin, which alone changes its reach): one of the participants; the caller's own (the default) unless a UN admin records it",
  })
  @IsOptional()
  @IsUUID()
  convenorOrganizationId?: string;

  @ApiProperty({ example: '2026-11-03T09:00:00+01:00' })
  @IsTimestamp()
  startsAt: string;

  @ApiPropertyOptional({ type: String, example: '2026-11-03T17:00:00+01:00', nullable: true, description: 'null: no end time (on a change, removes it)' })
  @IsOptional()
  @IsTimestamp()
  endsAt?: string;

  @ApiPropertyOptional({ example: 'Vienna' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  location?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  agenda?: string[];

  @ApiPropertyOptional({ enum: CLASSIFICATIONS, default: 'green' })
  @IsOptional()
  @IsIn(CLASSIFICATIONS)
  classification?: Classification;

  @ApiPropertyOptional({ type: AudienceInput, description: 'amber: the participants are always part of the audience; red: name officers' })
  @IsOptional()
  @ValidateNested()
  @Type(() => AudienceInput)
  audience?: AudienceInput;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'the dialogue this one follows in a series (e.g. last year\'s staff-level meeting); its open recommendations are shown on this one',
  })
  @IsOptional()
  @IsUUID()
  previousDialogueId?: string;
}
