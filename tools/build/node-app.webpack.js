const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');

/**
 * The one webpack configuration every Node app in apps/ builds with: a single
 * bundle per app under dist/apps/<name>, so that start-up reads one file.
 * Type checking is the `typecheck` target's job, so the bundler only transpiles.
 */
module.exports = function nodeAppWebpackConfig(projectDir, name) {
  return {
    output: {
      path: join(__dirname, '../../dist/apps', name),
      clean: true,
      ...(process.env.NODE_ENV !== 'production' && {
        devtoolModuleFilenameTemplate: '[absolute-resource-path]',
      }),
    },
    plugins: [
      new NxAppWebpackPlugin({
        target: 'node',
        compiler: 'tsc',
        main: join(projectDir, 'src/main.ts'),
        tsConfig: join(projectDir, 'tsconfig.app.json'),
        optimization: false,
        outputHashing: 'none',
        generatePackageJson: false,
        skipTypeChecking: true,
        sourceMap: true,
      }),
    ],
  };
};
