export * from './servers';
export * from './test-database';
export * from './test-messaging';
export * from './stored-events';
export * from './test-service';
export * from './stream-options';
export * from './served-documents';
export * from './registry-events';
