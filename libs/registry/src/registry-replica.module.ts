import { Module } from '@nestjs/common';
import { RegistryEventsController } from './registry-events.controller';
import { RegistryReplica } from './registry-replica';

/**
 * A service that needs to know organizations, desks and officers imports this module (and lists
 * `registryEntities` and `registryMigrations` in its data source). It needs the service's
 * TypeORM DataSource and MessagingModule; its handlers run on the service's event consumers,
 * and replay the stream from the start on a new database.
 */
@Module({
  controllers: [RegistryEventsController],
  providers: [RegistryReplica],
  exports: [RegistryReplica],
})
export class RegistryReplicaModule {}
