import type { LineListener } from './app.output';

/** Anything lines can be written to: process.stdout, a file stream, a test's collector. */
export interface LineWriter {
  write(text: string): unknown;
}

export interface PrefixedLinesOptions {
  /** Every name that will be shown, so that the prefixes line up. */
  names: readonly string[];
  /** ANSI colours, one per app: only for a terminal that shows them (`stream.isTTY && stream.hasColors()`). */
  colour: boolean;
  /** Where the apps' stdout lines and the notes go. */
  stdout: LineWriter;
  /** Where the apps' stderr lines go. */
  stderr: LineWriter;
}

export interface PrefixedLines {
  /** An app's line, under its name. */
  line: LineListener;
  /** A line of the launcher's own (`npm start`), under `label`. */
  note(label: string, message: string): void;
}

// Cyan, green, yellow, blue, magenta, then their bright forms: red is left for nothing to look alarming.
const COLOURS = [36, 32, 33, 34, 35, 96, 92, 93, 94, 95];

/**
 * Shows several apps' output in one terminal, as `name | line`: each line the moment it comes
 * (nothing is held back but the unfinished line of a stream), the names padded to one width,
 * each app in its own colour when the terminal has colours.
 */
export function prefixedLines(options: PrefixedLinesOptions): PrefixedLines {
  const width = Math.max(0, ...options.names.map((name) => name.length));
  const colourOf = new Map(options.names.map((name, index) => [name, COLOURS[index % COLOURS.length] as number]));
  const prefix = (name: string, style: number | undefined) => {
    const padded = name.padEnd(width);
    return options.colour && style !== undefined ? `\u001b[${style}m${padded} |\u001b[0m ` : `${padded} | `;
  };
  return {
    line: (app, line, stream) => (stream === 'stderr' ? options.stderr : options.stdout).write(`${prefix(app, colourOf.get(app))}${line}\n`),
    // Bold, so that the launcher's own words stand out from the apps' log lines.
    note: (label, message) => options.stdout.write(`${prefix(label, 1)}${message}\n`),
  };
}
