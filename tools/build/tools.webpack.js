const { readdirSync, writeFileSync } = require('node:fs');
const { join, relative, sep } = require('node:path');
const { INPUTS_FILE, stampOf } = require('./tool.inputs');

const root = join(__dirname, '..', '..');
const scripts = join(root, 'tools', 'scripts');
const outDir = join(root, 'dist', 'tools');

/** `@bff/config` and the rest, as tsconfig.base.json maps them, so that webpack bundles the libs' sources. */
function workspaceAliases() {
  const { compilerOptions } = require(join(root, 'tsconfig.base.json'));
  return Object.fromEntries(Object.entries(compilerOptions.paths).map(([name, [target]]) => [`${name}$`, join(root, target)]));
}

/** After each build: every workspace file it read, with its stamp, and the config files besides. */
class InputsManifestPlugin {
  apply(compiler) {
    compiler.hooks.afterEmit.tap('InputsManifestPlugin', (compilation) => {
      const files = new Set([__filename, join(__dirname, 'tool.runner.js'), join(__dirname, 'tool.inputs.js'), join(root, 'tsconfig.base.json'), join(root, 'tools', 'tsconfig.json')]);
      // fileDependencies also lists the folders and package.json files that resolving looked at: only the sources count.
      for (const file of compilation.fileDependencies) {
        if (file.startsWith(root + sep) && !file.includes(`${sep}node_modules${sep}`) && /\.[cm]?[jt]s$/.test(file)) files.add(file);
      }
      const inputs = Object.fromEntries([...files].sort().map((file) => [relative(root, file), stampOf(file)]));
      writeFileSync(INPUTS_FILE, `${JSON.stringify({ inputs }, null, 1)}\n`);
    });
  }
}

/**
 * The scripts in tools/scripts, each bundled with the workspace libs it imports into
 * dist/tools/<name>.js, so that running one is plain Node: no TypeScript compiler per call.
 * Packages stay outside the bundle (required from node_modules at run time); type checking is
 * the `tools:typecheck` target's job, so this only transpiles.
 */
module.exports = {
  mode: 'none',
  target: 'node',
  context: root,
  entry: Object.fromEntries(
    readdirSync(scripts)
      .filter((file) => file.endsWith('.ts'))
      .map((file) => [file.slice(0, -'.ts'.length), join(scripts, file)]),
  ),
  output: { path: outDir, filename: '[name].js', clean: false },
  // The bundle's own __dirname (dist/tools), from which workspaceRoot() finds nx.json.
  node: { __dirname: false, __filename: false },
  devtool: false,
  resolve: { extensions: ['.ts', '.js', '.json'], alias: workspaceAliases() },
  externalsPresets: { node: true },
  externals: [
    ({ request }, callback) =>
      /^[./]/.test(request) || request.startsWith('@bff/') ? callback() : callback(null, `commonjs ${request}`),
  ],
  module: {
    rules: [
      {
        test: /\.ts$/,
        loader: 'ts-loader',
        options: { transpileOnly: true, configFile: join(root, 'tools', 'tsconfig.json'), compilerOptions: { sourceMap: false } },
      },
    ],
  },
  optimization: { minimize: false },
  performance: { hints: false },
  stats: 'errors-warnings',
  plugins: [new InputsManifestPlugin()],
};
