/** Which of an app's streams a line came from. */
export type OutputStream = 'stdout' | 'stderr';

/** Called with every line an app writes, as it comes, without its line break. */
export type LineListener = (app: string, line: string, stream: OutputStream) => void;

/**
 * What an app wrote, kept for `RunningApp.output()` within a bound: everything up to its ready line
 * (where the start-up messages and the announced URLs are), then only the latest `tailLimit`
 * characters. A gateway logs a line per request, so a long `npm start` or a benchmark would
 * otherwise hold every line it ever wrote.
 */
export class AppOutput {
  private head = '';
  private headClosed = false;
  private readonly tail: string[] = [];
  private tailLength = 0;
  private dropped = 0;

  constructor(private readonly tailLimit: number) {}

  /** Everything written so far, within the bound; where characters were left out, a line says how many. */
  toString(): string {
    const gap = this.dropped > 0 ? `\n[... ${this.dropped} characters of output left out ...]\n` : '';
    return this.head + gap + this.tail.join('');
  }

  /** What was written before the ready line (the launcher searches it for that line). */
  get startup(): string {
    return this.head;
  }

  append(text: string): void {
    // The start-up part has the same bound, for an app that writes a lot and never gets ready.
    if (!this.headClosed && this.head.length + text.length <= this.tailLimit) {
      this.head += text;
      return;
    }
    this.headClosed = true;
    this.tail.push(text);
    this.tailLength += text.length;
    while (this.tailLength > this.tailLimit && this.tail.length > 0) {
      const first = this.tail[0] as string;
      const excess = this.tailLength - this.tailLimit;
      if (first.length <= excess) {
        this.tail.shift();
        this.tailLength -= first.length;
        this.dropped += first.length;
      } else {
        this.tail[0] = first.slice(excess);
        this.tailLength -= excess;
        this.dropped += excess;
      }
    }
  }

  /** From now on only the tail grows: called once the app is ready. */
  closeStartup(): void {
    this.headClosed = true;
  }
}

/** The longest line handed on in one piece; a longer one is cut into pieces of this size. */
const MAX_LINE = 64 * 1024;

/** Splits a stream's text into lines for a {@link LineListener}, holding at most one unfinished line. */
export class LineSplitter {
  private partial = '';

  constructor(private readonly emit: (line: string) => void) {}

  push(text: string): void {
    let start = 0;
    for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      this.emitLine(this.partial + text.slice(start, end));
      this.partial = '';
      start = end + 1;
    }
    this.partial += text.slice(start);
    while (this.partial.length >= MAX_LINE) {
      this.emit(this.partial.slice(0, MAX_LINE));
      this.partial = this.partial.slice(MAX_LINE);
    }
  }

  /** Hands on the last line when the stream ended without a line break. */
  flush(): void {
    if (this.partial !== '') this.emitLine(this.partial);
    this.partial = '';
  }

  private emitLine(line: string): void {
    this.emit(line.endsWith('\r') ? line.slice(0, -1) : line);
  }
}
