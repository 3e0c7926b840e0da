import fastifyCompress, { type FastifyCompressOptions } from '@fastify/compress';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { constants } from 'node:zlib';

/** Bodies smaller than this go out as they are: below about a kilobyte, compressing saves less than it costs. */
export const COMPRESSION_THRESHOLD_BYTES = 1024;

/**
 * Brotli at quality 4: about gzip's CPU for a smaller body. zlib's default (11) is meant for
 * static files compressed once, and costs milliseconds on every response.
 */
export const BROTLI_QUALITY = 4;

/**
 * Response compression for both gateways: brotli or gzip (brotli when the client takes both),
 * chosen from the request's `Accept-Encoding`, for compressible bodies (JSON) of at least
 * COMPRESSION_THRESHOLD_BYTES (streamed ones too when their length is known); `Vary: accept-encoding`
 * on every compressed answer. Nothing is compressed for a client that does not ask, a HEAD, a 304
 * (no body) or a small error.
 * Request bodies are not decompressed: clients send JSON as is, and a compressed upload would
 * otherwise get past the body limit as a few kilobytes that inflate to many megabytes.
 */
export const RESPONSE_COMPRESSION: FastifyCompressOptions = {
  globalCompression: true,
  globalDecompression: false,
  threshold: COMPRESSION_THRESHOLD_BYTES,
  encodings: ['br', 'gzip'],
  brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } },
};

/**
 * Registers RESPONSE_COMPRESSION; before `listen`, since it hooks each route as it is added.
 * @fastify/compress applies its threshold to buffered bodies only and compresses every stream; a
 * streamed body whose `Content-Length` is known and small (the pass-through router's, from a
 * service) is left as it is too, through the plugin's own opt-out, the `x-no-compression` request
 * header, set here by the server. This global hook runs before the plugin's per-route one.
 */
export async function registerResponseCompression(nest: NestFastifyApplication): Promise<void> {
  await nest.register(fastifyCompress, RESPONSE_COMPRESSION);
  nest
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', (request, reply, payload, done) => {
      const isStream = typeof (payload as { pipe?: unknown } | null)?.pipe === 'function';
      if (isStream && Number(reply.getHeader('content-length')) < COMPRESSION_THRESHOLD_BYTES) request.headers['x-no-compression'] = 'below-threshold';
      done(null, payload);
    });
}
