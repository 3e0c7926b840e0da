#!/usr/bin/env node
// node tools/build/tool.runner.js <tool> [args...]: runs tools/scripts/<tool>.ts as the compiled
// dist/tools/<tool>.js (npm run token, npm start, ...). Compiles every tool first when dist/tools is
// missing or a file the last build read has changed since (a few seconds, once); otherwise it is
// plain Node from the first line.
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..', '..');
const [tool, ...args] = process.argv.slice(2);

/** Whether dist/tools holds `tool` built from the sources as they are now. */
function upToDate(built) {
  if (!existsSync(built)) return false;
  const { INPUTS_FILE, stampOf } = require('./tool.inputs.js');
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(INPUTS_FILE, 'utf8')).inputs;
  } catch {
    return false;
  }
  return Object.entries(inputs).every(([file, stamp]) => {
    try {
      return stampOf(join(root, file)) === stamp;
    } catch {
      return false;
    }
  });
}

function build() {
  // On stderr: `$(npm run -s token -- u42)` must capture the token alone.
  process.stderr.write('compiling tools/scripts into dist/tools (first run, or a source changed) ...\n');
  const webpack = require('webpack');
  const config = require('./tools.webpack.js');
  return new Promise((resolve, reject) => {
    webpack(config, (error, stats) => {
      if (error) return reject(error);
      if (stats.hasErrors()) return reject(new Error(stats.toString('errors-only')));
      resolve();
    });
  });
}

async function main() {
  if (!tool || !existsSync(join(root, 'tools', 'scripts', `${tool}.ts`))) {
    process.stderr.write(`usage: node tools/build/tool.runner.js <tool> [args...], a tool being a file of tools/scripts (${tool ?? 'none'} is not)\n`);
    process.exit(2);
  }
  const built = join(root, 'dist', 'tools', `${tool}.js`);
  if (!upToDate(built)) await build();
  // The tool reads its arguments as if it had been started directly.
  process.argv = [process.argv[0], built, ...args];
  require(built);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
