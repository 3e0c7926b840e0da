import { Controller, Get, Header } from '@nestjs/common';
import type { PublicJwk } from '../keys/signing-key';
import { SigningKeyStore } from '../keys/signing-key.store';

@Controller('.well-known')
export class JwksController {
  constructor(private readonly keys: SigningKeyStore) {}

  @Get('jwks.json')
  // Short, so that verifiers see a rotation within a minute without asking on every request.
  @Header('Cache-Control', 'public, max-age=60')
  jwks(): { keys: PublicJwk[] } {
    return { keys: this.keys.publishedKeys() };
  }
}
