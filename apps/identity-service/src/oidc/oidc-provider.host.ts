import type { IdentityConfig } from '@bff/config';
import { Logger } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { Provider } from 'oidc-provider';
import type { AccountStore } from '../accounts/account.store';
import type { KeyRotation, SigningKeyStore } from '../keys/signing-key.store';
import type { MemoryStore } from './memory.store';
import type { OidcProviderModule } from './oidc-provider.loader';
import { providerConfiguration } from './provider.configuration';

export interface OidcProviderHostOptions {
  config: IdentityConfig;
  accounts: AccountStore;
  keys: SigningKeyStore;
  store: MemoryStore;
  oidc: OidcProviderModule;
}

/**
 * The running OpenID Provider. oidc-provider takes its keys once, at construction, and signs with the
 * first; so a key rotation builds a new provider over the same store, cookie keys and configuration, with
 * the new key first and the retired ones after it (still verifying, e.g. an `id_token_hint` signed
 * before). Requests already inside the old provider finish there; every later one meets the new one.
 */
export class OidcProviderHost {
  private readonly logger = new Logger(OidcProviderHost.name);
  private readonly cookieKeys = [randomBytes(32).toString('base64url')];
  private provider!: Provider;
  private handler!: (req: IncomingMessage, res: ServerResponse) => void;

  constructor(private readonly options: OidcProviderHostOptions) {
    this.build();
  }

  /** The provider to call interaction helpers on (`interactionDetails`, `interactionResult`). */
  get current(): Provider {
    return this.provider;
  }

  /** Whether an interaction helper failed because the browser's interaction (or session) is gone. */
  isSessionNotFound(error: unknown): boolean {
    return error instanceof this.options.oidc.errors.SessionNotFound;
  }

  /** Hands a raw request to the provider, which answers it on `res`. */
  handle(req: IncomingMessage, res: ServerResponse): void {
    this.handler(req, res);
  }

  /** A new signing key from now on, for every kind of token the provider signs. */
  async rotateKeys(): Promise<KeyRotation> {
    const rotation = await this.options.keys.rotate();
    this.build();
    return rotation;
  }

  private build(): void {
    const { config, accounts, keys, store, oidc } = this.options;
    const provider = new oidc.Provider(
      config.issuer,
      providerConfiguration({ config, accounts, store, jwks: keys.signingJwks(), cookieKeys: this.cookieKeys, oidc }),
    );
    provider.on('server_error', (_ctx: unknown, error: Error) => this.logger.error(`oidc-provider: ${error.stack ?? error.message}`));
    provider.on('backchannel.error', (_ctx: unknown, error: Error, client: { clientId: string }) =>
      this.logger.warn(`back-channel logout to ${client.clientId} failed: ${error.message}`),
    );
    this.provider = provider;
    this.handler = provider.callback();
  }
}
