const { statSync } = require('node:fs');
const { join } = require('node:path');

/** Where the tools' build lists what it read, for tool.runner.js to see whether a source changed since. */
const INPUTS_FILE = join(__dirname, '..', '..', 'dist', 'tools', 'inputs.json');

/** A file's stamp: it changed when either part differs (git checkout and editors both move mtime). */
function stampOf(file) {
  const stat = statSync(file);
  return `${stat.mtimeMs}:${stat.size}`;
}

module.exports = { INPUTS_FILE, stampOf };
