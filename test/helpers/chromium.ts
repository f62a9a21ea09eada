/**
 * Headless Chromium for browser tests: Debian's `chromium` package driven by
 * playwright-core (no browser download). Outside CI a missing browser skips
 * the tests with one line; under CI=true it is a failure (.ci/run installs it).
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

export const CHROMIUM_PATH = process.env.WORDMILL_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Why browser tests cannot run here, or null when they can (or must: under CI they run and fail). */
export function chromiumSkipReason(): string | null {
  if (existsSync(CHROMIUM_PATH) || process.env.CI === 'true') return null;
  return `skipping browser tests: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set WORDMILL_CHROMIUM)`;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}
