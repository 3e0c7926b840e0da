import type { RunningApp } from '@bff/app-process/launcher';

/** The value of one sample in the gateway's /metrics, found by name and the labels it must carry. */
export async function metric(gateway: RunningApp, name: string, labels: Record<string, string> = {}): Promise<number | undefined> {
  const metricsUrl = /metrics on (http:\/\/\S+)/.exec(gateway.output())?.[1];
  if (!metricsUrl) throw new Error(`${gateway.name} did not say where its metrics are`);
  const text = await (await fetch(metricsUrl)).text();
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  const line = text.split('\n').find((candidate) => (candidate.startsWith(`${name}{`) || candidate.startsWith(`${name} `)) && wanted.every((label) => candidate.includes(label)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}
