import { SetMetadata } from '@nestjs/common';

export const REQUIRED_ROLES = 'auth:roles';
export const REQUIRED_SCOPES = 'auth:scopes';

/** The caller needs at least one of these roles (the token's `roles`). */
export const Roles = (...roles: string[]) => SetMetadata(REQUIRED_ROLES, roles);

/** The caller's token needs every one of these scopes (the token's `scope`). */
export const Scopes = (...scopes: string[]) => SetMetadata(REQUIRED_SCOPES, scopes);
