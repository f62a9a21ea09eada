/**
 * /openapi.json passes Redocly's linter (`@redocly/cli lint`, the recommended
 * rules plus redocly.yaml) with no error and no warning. The CLI is bundled
 * and runs offline; telemetry and update notices are switched off.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { appForEach } from '../../helpers/http-app.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const REDOCLY = join(dirname(createRequire(import.meta.url).resolve('@redocly/cli/package.json')), 'bin/cli.js');

interface LintReport {
  totals: { errors: number; warnings: number };
  problems: Array<{ ruleId: string; severity: string; message: string; location: Array<{ pointer: string }> }>;
}

async function lint(file: string): Promise<LintReport> {
  const run = promisify(execFile);
  const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_NOTIFICATIONS: 'true', NO_COLOR: '1' };
  // Exit code 1 means problems were found; the JSON report on stdout says which.
  const { stdout } = await run(process.execPath, [REDOCLY, 'lint', '--format=json', '--config', join(ROOT, 'redocly.yaml'), file], { env, cwd: ROOT })
    .catch((error: { stdout?: string; stderr?: string }) => {
      if (!error.stdout) throw new Error(`redocly lint failed: ${error.stderr ?? String(error)}`);
      return { stdout: error.stdout };
    });
  return JSON.parse(stdout) as LintReport;
}

describe('openapi.json under redocly lint', () => {
  const t = appForEach({ token: 'x' });
  let dir: string | undefined;
  afterAll(async () => { if (dir) await rm(dir, { recursive: true, force: true }); });

  it('has no errors and no warnings', async () => {
    dir = await mkdtemp(join(tmpdir(), 'wordmill-openapi-'));
    const file = join(dir, 'openapi.json');
    await writeFile(file, JSON.stringify((await t().call('/openapi.json')).body));
    const report = await lint(file);
    const found = report.problems.map((p) => `${p.severity} ${p.ruleId} at ${p.location[0]?.pointer ?? '?'}: ${p.message}`);
    expect(found).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  }, 30_000);
});
