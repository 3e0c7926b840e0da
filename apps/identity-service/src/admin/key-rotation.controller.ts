import { Controller, Header, HttpCode, Inject, Post, UseGuards } from '@nestjs/common';
import type { KeyRotation } from '../keys/signing-key.store';
import { OidcProviderHost } from '../oidc/oidc-provider.host';
import { AdminSecretGuard } from './admin-secret.guard';

@Controller('admin/keys')
@UseGuards(AdminSecretGuard)
export class KeyRotationController {
  constructor(@Inject(OidcProviderHost) private readonly provider: OidcProviderHost) {}

  @Post('rotate')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  rotate(): Promise<KeyRotation> {
    return this.provider.rotateKeys();
  }
}
