export * from './data-source-options';
export * from './postgres-errors';
export * from './group-commit';
export * from './insert-rows';
export * from './one-statement-write';
export * from './pool';
export * from './connection-errors';
