import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second for /proc/<pid>/stat (USER_HZ; 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU time (user + system) a process has used so far, in microseconds; undefined where /proc is missing. */
export function cpuMicros(pid: number): number | undefined {
  try {
    // Fields after the command name, which may hold spaces and is in parentheses.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return ((utime + stime) / TICKS_PER_SECOND) * 1e6;
  } catch {
    return undefined;
  }
}

/** The most resident memory a process has had, in MiB (VmHWM). */
export function peakRssMiB(pid: number): number | undefined {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** The parent's pid of a process, from /proc; undefined when it is gone. */
function parentOf(pid: number): number | undefined {
  try {
    return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** A process and its children (a node:cluster primary and its workers); just the process where /proc is missing. */
export function processTree(pid: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [pid];
  }
  return [pid, ...entries.filter((entry) => /^\d+$/.test(entry) && parentOf(Number(entry)) === pid).map(Number)];
}

/** CPU time of all these processes together, in microseconds; undefined where /proc is missing. */
export function treeCpuMicros(pids: readonly number[]): number | undefined {
  const times = pids.map(cpuMicros);
  return times.some((t) => t === undefined) ? undefined : times.reduce<number>((sum, t) => sum + (t ?? 0), 0);
}

/** The sum of each process's peak resident memory, in MiB (an upper bound of their peak together). */
export function treePeakRssMiB(pids: readonly number[]): number | undefined {
  const peaks = pids.map(peakRssMiB);
  return peaks.some((p) => p === undefined) ? undefined : peaks.reduce<number>((sum, p) => sum + (p ?? 0), 0);
}
