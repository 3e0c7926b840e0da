import { AppOutput, LineSplitter } from './app.output';

describe('AppOutput', () => {
  it('keeps everything up to the ready line, then only the latest characters, and says how many it left out', () => {
    const output = new AppOutput(50);
    output.append('boot\n');
    output.append('app listening on http://127.0.0.1:1\n');
    output.closeStartup();
    for (let i = 0; i < 1000; i++) output.append(`line ${i}\n`);

    const kept = output.toString();
    expect(kept.startsWith('boot\napp listening on http://127.0.0.1:1\n')).toBe(true);
    expect(kept.endsWith('line 999\n')).toBe(true);
    expect(kept).toMatch(/\[\.\.\. \d+ characters of output left out \.\.\.\]/);
    // The tail never grows past its bound, however long the app runs.
    expect(kept.length).toBeLessThan(160);
  });

  it('bounds what an app writes before it is ready, too', () => {
    const output = new AppOutput(1000);
    for (let i = 0; i < 10_000; i++) output.append('never ready\n');
    expect(output.toString().length).toBeLessThan(2100);
  });

  it('keeps all of a short run', () => {
    const output = new AppOutput(1000);
    output.append('a\n');
    output.closeStartup();
    output.append('b\n');
    expect(output.toString()).toBe('a\nb\n');
  });
});

describe('LineSplitter', () => {
  const split = (chunks: string[], flush = true) => {
    const lines: string[] = [];
    const splitter = new LineSplitter((line) => lines.push(line));
    for (const chunk of chunks) splitter.push(chunk);
    if (flush) splitter.flush();
    return lines;
  };

  it('hands on each line as soon as it is complete, across chunks, without its line break', () => {
    expect(split(['one\ntw', 'o\r\nthr', 'ee\n'], false)).toEqual(['one', 'two', 'three']);
  });

  it('hands on an unfinished last line when the stream ends', () => {
    expect(split(['done\nno newline'])).toEqual(['done', 'no newline']);
  });

  it('cuts a line with no break into pieces rather than holding it all', () => {
    const lines = split(['x'.repeat(200_000)], false);
    expect(lines.length).toBe(3);
    expect(lines.every((line) => line.length === 64 * 1024)).toBe(true);
  });
});
