import type { ScenarioResult } from './bench';

const WIDTH = 720;
const PANEL_HEIGHT = 360;
const PAD = { left: 70, right: 70, top: 40, bottom: 50 };
const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd'];

export interface SweepAxes {
  /** Connections of the connection sweep (at 10 orders per profile). */
  connections: readonly number[];
  /** Orders per profile of the fan-out sweep (at `standardConnections`). */
  orders: readonly number[];
  standardConnections: number;
}

interface Point {
  /** Index on the category axis. */
  i: number;
  r: ScenarioResult;
}

/**
 * An SVG of the two sweeps of GET /api/profile, one panel each: by connections, and by orders per
 * profile (the fan-out); in each, throughput (solid, left axis) and p99 latency (dashed, right
 * axis) per scenario on a category axis. Plain SVG, so the README shows it without any charting
 * dependency.
 */
export function sweepChart(results: readonly ScenarioResult[], axes: SweepAxes): string {
  const byConnections = results.filter((r) => (r.orders ?? 10) === 10);
  const byOrders = results.filter((r) => r.connections === axes.standardConnections && r.orders !== undefined);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${2 * PANEL_HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${2 * PANEL_HEIGHT}" fill="white"/>`,
    panel(0, 'GET /api/profile (10 orders): throughput (solid) and p99 (dashed) by connections', 'connections', axes.connections, byConnections, (r) =>
      axes.connections.indexOf(r.connections),
    ),
    panel(PANEL_HEIGHT, `GET /api/profile?orders=N at ${axes.standardConnections} connections: throughput (solid) and p99 (dashed)`, 'orders per profile', axes.orders, byOrders, (r) =>
      axes.orders.indexOf(r.orders ?? -1),
    ),
    '</svg>',
  ];
  return `${parts.join('\n')}\n`;
}

function panel(
  top: number,
  title: string,
  axisName: string,
  categories: readonly number[],
  results: readonly ScenarioResult[],
  indexOf: (r: ScenarioResult) => number,
): string {
  const scenarios = [...new Set(results.map((r) => r.scenario))];
  const maxRps = niceCeiling(Math.max(...results.map((r) => r.requestsPerSecond), 1));
  const maxP99 = niceCeiling(Math.max(...results.map((r) => r.p99), 1));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = PANEL_HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (categories.length === 1 ? plotW / 2 : (i * plotW) / (categories.length - 1));
  const yRps = (v: number) => PAD.top + plotH - (v / maxRps) * plotH;
  const yP99 = (v: number) => PAD.top + plotH - (v / maxP99) * plotH;
  const parts: string[] = [`<g transform="translate(0 ${top})">`];
  parts.push(`<text x="${WIDTH / 2}" y="20" text-anchor="middle" font-size="14">${escapeXml(title)}</text>`);
  for (let t = 0; t <= 4; t++) {
    const y = PAD.top + plotH - (t * plotH) / 4;
    parts.push(`<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${y}" y2="${y}" stroke="#ddd"/>`);
    parts.push(`<text x="${PAD.left - 6}" y="${y + 4}" text-anchor="end">${Math.round((maxRps * t) / 4)}</text>`);
    parts.push(`<text x="${WIDTH - PAD.right + 6}" y="${y + 4}">${Math.round((maxP99 * t) / 4)}</text>`);
  }
  categories.forEach((c, i) => parts.push(`<text x="${x(i)}" y="${PANEL_HEIGHT - PAD.bottom + 18}" text-anchor="middle">${c}</text>`));
  parts.push(`<text x="${WIDTH / 2}" y="${PANEL_HEIGHT - 10}" text-anchor="middle">${escapeXml(axisName)}</text>`);
  parts.push(`<text transform="translate(16 ${PAD.top + plotH / 2}) rotate(-90)" text-anchor="middle">requests/s</text>`);
  parts.push(`<text transform="translate(${WIDTH - 14} ${PAD.top + plotH / 2}) rotate(90)" text-anchor="middle">p99 ms</text>`);
  scenarios.forEach((scenario, s) => {
    const color = COLORS[s % COLORS.length];
    const points: Point[] = results
      .filter((r) => r.scenario === scenario && indexOf(r) >= 0)
      .map((r) => ({ i: indexOf(r), r }))
      .sort((a, b) => a.i - b.i);
    const line = (y: (r: ScenarioResult) => number) => points.map(({ i, r }) => `${x(i).toFixed(1)},${y(r).toFixed(1)}`).join(' ');
    parts.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${line((r) => yRps(r.requestsPerSecond))}"/>`);
    parts.push(`<polyline fill="none" stroke="${color}" stroke-width="2" stroke-dasharray="6 4" points="${line((r) => yP99(r.p99))}"/>`);
    for (const { i, r } of points) {
      parts.push(`<circle cx="${x(i).toFixed(1)}" cy="${yRps(r.requestsPerSecond).toFixed(1)}" r="3" fill="${color}"/>`);
      parts.push(`<circle cx="${x(i).toFixed(1)}" cy="${yP99(r.p99).toFixed(1)}" r="3" fill="white" stroke="${color}"/>`);
    }
    parts.push(`<text x="${PAD.left + 8}" y="${PAD.top + 14 + s * 16}" fill="${color}">${escapeXml(scenario)}</text>`);
  });
  parts.push('</g>');
  return parts.join('\n');
}

function niceCeiling(value: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(value));
  return Math.ceil(value / magnitude) * magnitude;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
