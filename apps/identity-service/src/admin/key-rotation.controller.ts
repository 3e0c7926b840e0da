import { Controller, Header, HttpCode, Post, UseGuards } from '@nestjs/common';
import { type KeyRotation, SigningKeyStore } from '../keys/signing-key.store';
import { AdminSecretGuard } from './admin-secret.guard';

@Controller('admin/keys')
@UseGuards(AdminSecretGuard)
export class KeyRotationController {
  constructor(private readonly keys: SigningKeyStore) {}

  @Post('rotate')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  rotate(): Promise<KeyRotation> {
    return this.keys.rotate();
  }
}
