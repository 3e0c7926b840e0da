// Where a process under the benchmark spent its CPU, from a V8 profile written by `node --cpu-prof`
// (`BENCH_CPU_PROF=<dir> npm run bench -- ...` writes one per process under test):
//   npx ts-node --project bench/tsconfig.json bench/src/cpu-profile.summary.ts <file.cpuprofile> [top] [frame regex]
// Prints self time by package (node_modules/<pkg>, node: internals, the app bundle, GC, idle),
// the time under each package (inclusive, counted once per sample), the hottest functions, and
// with a regex, the call stacks (inclusive) of the frames it matches.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Which package (or part of Node) a frame belongs to. */
export function packageOf(url: string, functionName: string): string {
  if (functionName === '(garbage collector)') return '(gc)';
  if (functionName === '(idle)' || functionName === '(program)' || functionName === '(root)') return functionName;
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  if (url.startsWith('node:internal/')) return `node:${url.slice(14).split('/')[0]}`;
  if (url.startsWith('node:')) return url;
  if (url === '') return '(native)';
  const dist = /dist\/apps\/([^/]+)\//.exec(url);
  return dist ? `app:${dist[1]}` : url.replace(/^file:\/\//, '');
}

function summarise(profile: CpuProfile, top: number, callersOf?: RegExp): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const functions = new Map<string, number>();
  const stacks = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const micros = profile.timeDeltas[i] ?? 0;
    const node = byId.get(id);
    if (!node) return;
    const { functionName, url, lineNumber } = node.callFrame;
    const pkg = packageOf(url, functionName);
    if (pkg === '(idle)') return;
    total += micros;
    self.set(pkg, (self.get(pkg) ?? 0) + micros);
    const fn = `${functionName || '(anonymous)'} ${pkg}${url.includes('node_modules') || url.startsWith('node:') ? '' : `:${lineNumber + 1}`}`;
    functions.set(fn, (functions.get(fn) ?? 0) + micros);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (frame) seen.add(packageOf(frame.url, frame.functionName));
    }
    for (const name of seen) inclusive.set(name, (inclusive.get(name) ?? 0) + micros);
    if (callersOf) {
      const chain: string[] = [];
      let matched = false;
      for (let at: number | undefined = id; at !== undefined && chain.length < 12; at = parent.get(at)) {
        const frame = byId.get(at)?.callFrame;
        if (!frame) break;
        const label = `${frame.functionName || '(anonymous)'} ${packageOf(frame.url, frame.functionName)}:${frame.lineNumber + 1}`;
        if (!matched && callersOf.test(label)) matched = true;
        if (matched) chain.push(label);
      }
      if (matched) stacks.set(chain.join(' < '), (stacks.get(chain.join(' < ')) ?? 0) + micros);
    }
  });
  const table = (title: string, entries: Map<string, number>) =>
    [
      `${title}:`,
      ...[...entries]
        .sort((a, b) => b[1] - a[1])
        .slice(0, top)
        .map(([name, micros]) => `  ${((100 * micros) / total).toFixed(1).padStart(5)}%  ${name}`),
    ].join('\n');
  return [
    `busy ${(total / 1e6).toFixed(2)} s (idle left out)`,
    table('self time by package', self),
    table('time under each package (inclusive)', inclusive),
    table('hottest functions (self)', functions),
    ...(callersOf ? [table(`stacks under ${callersOf.source}`, stacks)] : []),
  ].join('\n\n');
}

if (require.main === module) {
  const [file, top, callersOf] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('usage: cpu-profile.summary.ts <file.cpuprofile> [top]\n');
    process.exit(2);
  }
  process.stdout.write(`${summarise(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, Number(top ?? 25), callersOf ? new RegExp(callersOf) : undefined)}\n`);
}
