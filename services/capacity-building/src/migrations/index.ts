import { CreateCapacityBuilding1767400000000 } from './1767400000000-create-capacity-building';

/** The service's own, in the order they run (the kit runs the shared libs' first); a new migration goes at the end. */
export const capacityBuildingMigrations = [
  CreateCapacityBuilding1767400000000,
];
