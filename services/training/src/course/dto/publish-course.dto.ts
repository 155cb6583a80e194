import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { LANGUAGES, Language, THEMES, Theme } from '@liaison/contracts';

export class PublishCourseDto {
  @ApiProperty({ example: 'Mediation process design for joint UN–AU–ECOWAS teams' })
  @IsString()
  @Length(1, 300)
  title: string;

  @ApiProperty({ enum: THEMES, example: 'mediation' })
  @IsIn(THEMES)
  topic: Theme;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ enum: LANGUAGES, isArray: true, default: ['en'], description: 'languages the course is taught in' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(6)
  @IsIn(LANGUAGES, { each: true })
  languages?: Language[];
}
