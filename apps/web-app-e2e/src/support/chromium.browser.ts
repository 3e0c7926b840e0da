import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/** Debian's Chromium (`apt-get install -y chromium`); CHROMIUM_PATH names another. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/**
 * `describe` for tests that need a real browser. Without Chromium: in CI the run fails, saying why;
 * on a developer's machine the tests are skipped with a loud notice. (Playwright's own browser
 * download is not used: our machines reach no network beyond the package registries.)
 */
export function describeWithChromium(name: string, tests: () => void): void {
  if (existsSync(CHROMIUM_PATH)) return describe(name, tests);
  const reason = `${name} needs Chromium at ${CHROMIUM_PATH}. Install it with: apt-get update && apt-get install -y chromium (or set CHROMIUM_PATH)`;
  if (process.env['CI'] === 'true') {
    describe(name, () => it('has the browser it needs', () => { throw new Error(reason); }));
    return;
  }
  process.stderr.write(`\n*** SKIPPED: ${reason}\n\n`);
  describe.skip(name, tests);
}

export interface Chromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Headless Chromium with a fresh profile of its own, quiet: no update checks, sync or QUIC. */
export async function launchChromium(): Promise<Chromium> {
  const profile = await mkdtemp(join(tmpdir(), 'web-app-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: { width: 1100, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
