import type { ScenarioResult } from './bench';

const WIDTH = 720;
const HEIGHT = 360;
const PAD = { left: 70, right: 70, top: 40, bottom: 50 };
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd'];

/**
 * An SVG line chart of the connection sweep: throughput (solid, left axis) and
 * p99 latency (dashed, right axis) per scenario, connections on a category axis.
 * Plain SVG, so the README shows it without any charting dependency.
 */
export function sweepChart(results: readonly ScenarioResult[], connections: readonly number[]): string {
  const scenarios = [...new Set(results.map((r) => r.scenario))];
  const maxRps = niceCeiling(Math.max(...results.map((r) => r.requestsPerSecond), 1));
  const maxP99 = niceCeiling(Math.max(...results.map((r) => r.p99), 1));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (connections.length === 1 ? plotW / 2 : (i * plotW) / (connections.length - 1));
  const yRps = (v: number) => PAD.top + plotH - (v / maxRps) * plotH;
  const yP99 = (v: number) => PAD.top + plotH - (v / maxP99) * plotH;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" font-family="sans-serif" font-size="12">`);
  parts.push(`<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`);
  parts.push(`<text x="${WIDTH / 2}" y="20" text-anchor="middle" font-size="14">GET /api/profile: throughput (solid) and p99 latency (dashed) by connections</text>`);
  for (let t = 0; t <= 4; t++) {
    const y = PAD.top + plotH - (t * plotH) / 4;
    parts.push(`<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${y}" y2="${y}" stroke="#ddd"/>`);
    parts.push(`<text x="${PAD.left - 6}" y="${y + 4}" text-anchor="end">${Math.round((maxRps * t) / 4)}</text>`);
    parts.push(`<text x="${WIDTH - PAD.right + 6}" y="${y + 4}">${Math.round((maxP99 * t) / 4)}</text>`);
  }
  connections.forEach((c, i) => parts.push(`<text x="${x(i)}" y="${HEIGHT - PAD.bottom + 18}" text-anchor="middle">${c}</text>`));
  parts.push(`<text x="${WIDTH / 2}" y="${HEIGHT - 10}" text-anchor="middle">connections</text>`);
  parts.push(`<text transform="translate(16 ${PAD.top + plotH / 2}) rotate(-90)" text-anchor="middle">requests/s</text>`);
  parts.push(`<text transform="translate(${WIDTH - 14} ${PAD.top + plotH / 2}) rotate(90)" text-anchor="middle">p99 ms</text>`);
  scenarios.forEach((scenario, s) => {
    const color = COLORS[s % COLORS.length];
    const points = connections.flatMap((c, i) => {
      const r = results.find((result) => result.scenario === scenario && result.connections === c);
      return r ? [{ i, r }] : [];
    });
    const line = (y: (r: ScenarioResult) => number) => points.map(({ i, r }) => `${x(i).toFixed(1)},${y(r).toFixed(1)}`).join(' ');
    parts.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${line((r) => yRps(r.requestsPerSecond))}"/>`);
    parts.push(`<polyline fill="none" stroke="${color}" stroke-width="2" stroke-dasharray="6 4" points="${line((r) => yP99(r.p99))}"/>`);
    parts.push(`<text x="${PAD.left + 8}" y="${PAD.top + 14 + s * 16}" fill="${color}">${escapeXml(scenario)}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

function niceCeiling(value: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(value));
  return Math.ceil(value / magnitude) * magnitude;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
