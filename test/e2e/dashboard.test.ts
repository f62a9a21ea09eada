/** The dashboard in a real headless Chromium: it loads with a token, follows a corpus run live, and counts a file. */
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumSkipReason, launchChromium } from '../helpers/chromium.ts';
import { BOOKS, DATA_DIR } from '../helpers/conformance.ts';
import { startTestService } from '../helpers/http-service.ts';
import type { TestService } from '../helpers/http-service.ts';

const TOKEN = 'dashboard-e2e';
const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts');
const skip = chromiumSkipReason();
if (skip !== null) console.warn(skip);

const number = async (page: Page, id: string): Promise<number> => Number(await page.locator(`#${id}`).textContent());

describe.skipIf(skip !== null)('dashboard in headless Chromium', () => {
  let t: TestService;
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    // The page serves the compiled client: compile it now so the test never sees a stale build.
    execFileSync(process.execPath, [join('node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.dashboard.json'], { stdio: 'inherit' });
    t = await startTestService({ token: TOKEN, threads: 2 });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
    page.on('pageerror', (error) => console.error('page error:', error));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('loads and goes live with the token from the URL fragment', async () => {
    await page.goto(`${t.url}/#token=${TOKEN}`);
    await expect.poll(() => page.locator('#connection').textContent(), { timeout: 10_000 }).toBe('live');
    expect(new URL(page.url()).hash).toBe(''); // the token leaves the address bar
    expect(await number(page, 'done')).toBe(0);
    expect(await page.locator('#threads .thread').count()).toBe(2);
    expect(await page.locator('#token-form').isHidden()).toBe(true);
  });

  it('shows the figures moving while a corpus is submitted', async () => {
    const books = await Promise.all(BOOKS.map((book) => readFile(join(DATA_DIR, `${book}.txt`))));
    // Rounds of the four books go on until the page has shown every figure moving: a fast machine
    // counts one round in a few milliseconds, between two looks of the page.
    let submitted = 0;
    let stop = false;
    const submitting = (async () => {
      while (!stop) {
        await Promise.all(books.map((body) => fetch(`${t.url}/v1/jobs?wait=true`, {
          method: 'POST', body, headers: { 'content-type': 'text/plain', authorization: `Bearer ${TOKEN}` },
        }).then((r) => expect(r.status).toBe(200))));
        submitted += books.length;
      }
    })();
    const seen = { mbPerSecond: 0, running: 0, busiest: 0 };
    const deadline = Date.now() + 60_000;
    while (!(seen.mbPerSecond > 0 && seen.running > 0 && seen.busiest > 0) && Date.now() < deadline) {
      seen.mbPerSecond = Math.max(seen.mbPerSecond, await number(page, 'mb-per-second'));
      seen.running = Math.max(seen.running, await number(page, 'running'));
      for (const width of await page.locator('#threads .bar > span').evaluateAll((els) => els.map((el) => parseFloat(/width:\s*([\d.]+)%/.exec(el.getAttribute('style') ?? '')?.[1] ?? '0')))) {
        seen.busiest = Math.max(seen.busiest, width);
      }
      await page.waitForTimeout(50);
    }
    stop = true;
    await submitting;
    expect(seen.mbPerSecond).toBeGreaterThan(0);
    expect(seen.running).toBeGreaterThan(0);
    expect(seen.busiest).toBeGreaterThan(0);
    await expect.poll(() => number(page, 'done'), { timeout: 10_000 }).toBe(submitted);
    expect(await page.locator('#recent-jobs tr').count()).toBeGreaterThanOrEqual(Math.min(20, submitted));
    expect(await page.locator('#recent-jobs .status-done').count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('#chart path.mb').count()).toBe(1);
    const pageText = await page.locator('body').innerText();
    expect(pageText).not.toContain('Dracula'); // figures only, never the texts
  }, 120_000);

  it('counts a file submitted from the page and shows its top words', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wordmill-dashboard-'));
    try {
      const file = join(dir, 'animals.txt');
      await writeFile(file, `${'zebra '.repeat(5)}${'lion '.repeat(3)}tiger the the the the the the`);
      await page.locator('#file').setInputFiles(file);
      await page.locator('#top').fill('3');
      await page.locator('#submit').click();
      await expect.poll(() => page.locator('#result-bars .word').count(), { timeout: 10_000 }).toBe(3);
      const rows = await page.locator('#result-bars .word').evaluateAll((els) => els.map((el) => [el.children[0]?.textContent, el.children[2]?.textContent]));
      expect(rows).toEqual([['zebra', '5'], ['lion', '3'], ['tiger', '1']]);
      const json = JSON.parse((await page.locator('#result-json').textContent()) ?? '') as { totalWords: number; top: unknown[] };
      expect(json).toMatchObject({ totalWords: 15, top: [{ word: 'zebra', count: 5 }, { word: 'lion', count: 3 }, { word: 'tiger', count: 1 }] });
      await mkdir(ARTIFACTS, { recursive: true });
      const shot = join(ARTIFACTS, 'dashboard.png');
      await page.screenshot({ path: shot, fullPage: true });
      // Refresh the README's picture on request only, so a test run leaves the tree clean.
      if (process.env.WORDMILL_UPDATE_SCREENSHOT === '1') await copyFile(shot, join(import.meta.dirname, '..', '..', 'docs', 'dashboard.png'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('asks for the token when it has none, and goes live once it is given', async () => {
    const fresh = await browser.newPage();
    try {
      await fresh.goto(`${t.url}/`);
      await expect.poll(() => fresh.locator('#connection').textContent(), { timeout: 10_000 }).toBe('token needed');
      await fresh.locator('#token-input').fill(TOKEN);
      await fresh.locator('#token-form button').click();
      await expect.poll(() => fresh.locator('#connection').textContent(), { timeout: 10_000 }).toBe('live');
    } finally {
      await fresh.close();
    }
  });
});
