export * from './service-definition';
export * from './service.module';
export * from './start-service';
export * from './write/actors';
export * from './write/registry-references';
export * from './write/change-log';
export * from './write/classified-record';
export * from './write/audience-input.dto';
