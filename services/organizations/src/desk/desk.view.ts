import { ApiProperty } from '@nestjs/swagger';
import { THEMES } from '@liaison/contracts';
import type { DeskState } from '@liaison/contracts';
import { Desk } from './desk.entity';

export class DeskView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [String] }) countries!: string[];
  @ApiProperty({ enum: THEMES, isArray: true }) themes!: Desk['themes'];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export function deskView(desk: Desk): DeskView {
  return {
    id: desk.id,
    organizationId: desk.organizationId,
    name: desk.name,
    countries: desk.countries,
    themes: desk.themes,
    closedAt: desk.closedAt?.toISOString() ?? null,
    version: desk.version,
    createdAt: desk.createdAt.toISOString(),
    updatedAt: desk.updatedAt.toISOString(),
  };
}

export function deskState(desk: Desk): DeskState {
  return {
    deskId: desk.id,
    organizationId: desk.organizationId,
    name: desk.name,
    countries: desk.countries,
    themes: desk.themes,
  };
}
