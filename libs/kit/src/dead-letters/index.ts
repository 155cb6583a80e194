export * from './un-administrators';
export * from './dead-letters.service';
export * from './dead-letters.controller';
export * from './dead-letter.view';
export * from './dead-letter-page';
