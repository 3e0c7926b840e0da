// The Redis storage on its own entry point: the gateways load it (and ioredis) only with REDIS_URL.
export * from './lib/redis-throttler.storage';
