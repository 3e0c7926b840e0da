// Imported first by an app's main.ts, for its effect: the compile cache must be on before the
// modules it is for are loaded, and an import's module body runs before those of the imports
// after it. Everything else of this lib is in the main entry.
import { enableModuleCompileCache } from './lib/module-compile.cache';

enableModuleCompileCache();
