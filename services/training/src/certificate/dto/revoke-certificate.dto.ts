import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class RevokeCertificateDto {
  @ApiProperty({ example: 'Attendance was recorded in error.' })
  @IsString()
  @Length(1, 2000)
  reason: string;
}
