import { SetMetadata } from '@nestjs/common';

/** Routes that need no token: health, metrics, the API documents, POST /auth/token. */
export const IS_PUBLIC = 'liaison:public';
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
