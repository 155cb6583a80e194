export * from './registry.entities';
export * from './create-registry-replica.migration';
export * from './registry-replica';
export * from './registry-events.controller';
export * from './registry-replica.module';
export * from './registry-officer-standing';
