export * from './viewer';
export * from './visibility/who-may-see';
export * from './visibility/can-see';
export * from './visibility/visibility-predicate';
export * from './visibility/audience';
