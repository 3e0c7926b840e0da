import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'auth:isPublic';

/** The route needs no token (health checks, login). Everything else does. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
