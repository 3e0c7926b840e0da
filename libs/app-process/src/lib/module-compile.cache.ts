import * as nodeModule from 'node:module';

/** The parts of node:module's compile cache API this uses: Node 22.1+ and 22.10+; absent on Node 20. */
interface CompileCacheApi {
  enableCompileCache?: () => unknown;
  flushCompileCache?: () => void;
}

const api = nodeModule as CompileCacheApi;

/**
 * Turns on Node's on-disk cache of compiled modules (`module.enableCompileCache()`, Node 22.1+):
 * a start after the first reads V8's code cache of each module instead of compiling it again,
 * most of what a gateway's start-up spends in its 1,500 modules. The cache lives in the directory
 * that NODE_COMPILE_CACHE names, else in the system's temporary directory; NODE_DISABLE_COMPILE_CACHE=1
 * turns it off (both Node's own variables). A directory that cannot be written only loses the
 * cache. On Node 20, nothing.
 */
export function enableModuleCompileCache(): void {
  api.enableCompileCache?.();
}

/**
 * Writes what has been compiled so far to the cache now, rather than when the process exits:
 * a process that is killed (or never exits cleanly) would otherwise never write it.
 */
export function flushModuleCompileCache(): void {
  api.flushCompileCache?.();
}
