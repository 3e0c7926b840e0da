import { prefixedLines } from './prefixed.lines';

function collector() {
  const chunks: string[] = [];
  return { chunks, write: (text: string) => chunks.push(text) };
}

describe('prefixedLines', () => {
  it('shows each line under its app’s name, the names padded to one width, plain when there are no colours', () => {
    const stdout = collector();
    const stderr = collector();
    const out = prefixedLines({ names: ['web-bff', 'recommendation-service'], colour: false, stdout, stderr });

    out.line('web-bff', 'listening', 'stdout');
    out.line('recommendation-service', 'oops', 'stderr');
    out.note('web-bff', 'noted');

    expect(stdout.chunks).toEqual(['web-bff                | listening\n', 'web-bff                | noted\n']);
    expect(stderr.chunks).toEqual(['recommendation-service | oops\n']);
  });

  it('gives each app its own colour in a terminal', () => {
    const stdout = collector();
    const out = prefixedLines({ names: ['a', 'b'], colour: true, stdout, stderr: stdout });
    out.line('a', 'x', 'stdout');
    out.line('b', 'y', 'stdout');
    expect(stdout.chunks).toEqual(['\u001b[36ma |\u001b[0m x\n', '\u001b[32mb |\u001b[0m y\n']);
  });
});
