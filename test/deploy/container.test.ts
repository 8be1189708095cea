// The Dockerfile without a container runtime: its run stage is checked line by line, and the same
// layout it builds (compiled dist/, data/, the page's files) is started with its CMD,
// `node dist/main.js`, to answer /healthz and /readyz and to stop cleanly on SIGTERM.

import { spawn } from 'node:child_process';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = path.resolve(import.meta.dirname, '..', '..');
const dockerfile = readFileSync(path.join(REPO, 'Dockerfile'), 'utf8');
const runStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));

describe('the Dockerfile', () => {
  it('has a build stage and a run stage with production dependencies only, as a non-root user', () => {
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(runStage).toMatch(/npm ci --omit=dev/);
    expect(runStage).toMatch(/^USER node$/m);
    expect(runStage).toMatch(/node bin\/ledelse\.js validate/); // the index cache, built in
    expect(runStage).toMatch(/^CMD \["node", "dist\/main\.js"\]$/m);
  });

  it('copies only paths that exist in the repository', () => {
    for (const [, from] of dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)) {
      for (const p of from!.split(/\s+/)) expect(existsSync(path.join(REPO, p)), p).toBe(true);
    }
  });
});

describe('the container layout started with its CMD', () => {
  const app = mkdtempSync(path.join(tmpdir(), 'ledelsesbot-container-'));
  beforeAll(async () => {
    for (const f of ['package.json', 'bin', 'data']) cpSync(path.join(REPO, f), path.join(app, f), { recursive: true });
    cpSync(path.join(REPO, 'src', 'web', 'public'), path.join(app, 'src', 'web', 'public'), { recursive: true });
    symlinkSync(path.join(REPO, 'node_modules'), path.join(app, 'node_modules'), 'dir');
    mkdirSync(path.join(app, 'dist'));
    const tsc = path.join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
    await promisify(execFile)(process.execPath, [tsc, '-p', path.join(REPO, 'tsconfig.build.json'), '--outDir', path.join(app, 'dist')], { cwd: REPO }).catch(
      () => undefined,
    );
  }, 180_000);
  afterAll(() => rmSync(app, { recursive: true, force: true }));

  it('answers the probes and exits 0 on SIGTERM', async () => {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0', TEAMS_PORT: '0', DB_FILE: path.join(app, 'state', 'db.json') };
    const child = spawn(process.execPath, ['dist/main.js'], { cwd: app, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start-up line:\n${log}`)), 30_000);
      const onData = (chunk: Buffer) => {
        log += chunk.toString();
        const m = /Lokal chatside: (http:\/\/\S+)/.exec(log);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!.replace('localhost', '127.0.0.1'));
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
    });
    try {
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ ready: true, store: { kind: 'file' } });
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(log).toContain('SIGTERM: Ledelsesbot stopper');
  }, 60_000);
});
