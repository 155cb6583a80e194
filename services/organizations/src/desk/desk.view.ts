import type { DeskState } from '@liaison/contracts';
import { Desk } from './desk.entity';

export interface DeskView {
  id: string;
  organizationId: string;
  name: string;
  countries: string[];
  themes: Desk['themes'];
  closedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
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
