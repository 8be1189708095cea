// The installed `ledelse` command: bin/ledelse.js running the compiled JavaScript in dist/.
// The build goes to a temporary package laid out like the published one ("files": bin, dist,
// data), so the test checks what `npm run build` emits today, never a stale dist/, and does
// not touch the repo's own dist/ while others work in it.
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { vi, afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, runCli } from './run-cli.ts';


// Each test starts Node processes; under a full parallel test run they can be slow.
vi.setConfig({ testTimeout: 60_000 });
const pkg = mkdtempSync(path.join(tmpdir(), 'ledelse-bin-'));
const bin = path.join(pkg, 'bin', 'ledelse.js');
let buildOutput = '';

beforeAll(async () => {
  for (const f of ['package.json', 'bin', 'data']) cpSync(path.join(REPO, f), path.join(pkg, f), { recursive: true });
  symlinkSync(path.join(REPO, 'node_modules'), path.join(pkg, 'node_modules'), 'dir');
  mkdirSync(path.join(pkg, 'dist'));
  const tsc = path.join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
  // Type errors in files others are still writing do not stop tsc from emitting; only the
  // emitted JavaScript matters here, so the exit code is ignored.
  try {
    await promisify(execFile)(process.execPath, [tsc, '-p', path.join(REPO, 'tsconfig.build.json'), '--outDir', path.join(pkg, 'dist')], {
      cwd: REPO,
      maxBuffer: 10_000_000,
    });
  } catch (err) {
    buildOutput = String((err as { stdout?: string }).stdout ?? err);
  }
}, 180_000);

afterAll(() => rmSync(pkg, { recursive: true, force: true }));

// Run from an unrelated directory, as an installed command is.
const runBin = (args: string[], input?: string) => runCli(args, { command: [bin], cwd: tmpdir(), ...(input === undefined ? {} : { input }) });

describe('bin/ledelse.js after the build', () => {
  it('the build emitted the CLI', () => {
    expect(existsSync(path.join(pkg, 'dist', 'cli', 'main.js')), `tsc emitted no dist/cli/main.js:\n${buildOutput}`).toBe(true);
  });

  it('ask --json answers with pure JSON', async () => {
    const r = await runBin(['ask', '--json', 'Hvordan bruger jeg MED-udvalget, når vi skal spare?']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const parsed = JSON.parse(r.stdout);
    expect(parsed.answered).toBe(true);
    expect(parsed.results[0].text).toContain('MED-udvalgene');
  });

  it('ask prints Danish text, and --jsonl reads stdin', async () => {
    const text = await runBin(['ask', 'Hvad er Bungays model?']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Det sagde ledelsesgrupperne');

    const jsonl = await runBin(['ask', '--jsonl'], 'Hvad er Bungays model?\n\nHvad koster et frimærke?\n');
    expect(jsonl.code).toBe(0);
    expect(jsonl.stdout.trim().split('\n').map((l) => JSON.parse(l).answered)).toEqual([true, false]);
  });

  it('validate finds the packaged data next to dist/', async () => {
    const r = await runBin(['validate']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Data er i orden/);
  });

  it('a usage error exits 2 with a Danish message', async () => {
    const r = await runBin(['spørg']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Ukendt kommando "spørg"');
  });
});
