import type { ServiceConfig } from '@bff/config';
import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

/** The service's validated configuration, for providers that need a part of it. */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');

/** A Host header as a browser or a gateway sends it: a name or address, and a port. */
const HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * Turns the pictures' references in stored records (`/images/avatars/u42.svg`) into the URLs a
 * browser loads: under ASSET_BASE_URL when it is set (a CDN in front of these paths), else under
 * this service itself, at the address the request came to, which is how a local browser reaches
 * it. A reference that is a URL already (an avatar a user chose) is answered as it is.
 */
@Injectable()
export class AssetUrls {
  private readonly base: string | undefined;

  constructor(@Inject(SERVICE_CONFIG) config: Pick<ServiceConfig, 'assetBaseUrl'>) {
    this.base = config.assetBaseUrl;
  }

  resolve(reference: string, request: FastifyRequest): string {
    if (!reference.startsWith('/') || reference.startsWith('//')) return reference;
    return `${this.base ?? originOf(request)}${reference}`;
  }
}

function originOf(request: FastifyRequest): string {
  const host = request.headers.host;
  if (host && HOST.test(host)) return `${request.protocol}://${host}`;
  // No usable Host header (HTTP/1.0, or a malformed one): the address the connection came to.
  const { localAddress = '127.0.0.1', localPort } = request.socket;
  return `${request.protocol}://${localAddress.includes(':') ? `[${localAddress}]` : localAddress}:${localPort}`;
}
