// A throwaway PostgreSQL cluster for tests, benchmarks and trying the production shape: initdb
// in a temporary folder, started on a free loopback port, removed again on stop. Runs the
// server as the `postgres` user when we are root (PostgreSQL refuses to run as root), and as
// ourselves otherwise. Uses Debian's binaries (apt-get install postgresql) or PG_BINDIR.

import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface Cluster {
  /** postgres://postgres@127.0.0.1:PORT/postgres */
  adminUrl: string;
  /** A database made for the caller. */
  url: string;
  port: number;
  dir: string;
  /** Makes another empty database and returns its URL. */
  createDatabase(name: string): string;
  stop(): void;
}

export class ClusterUnavailable extends Error {}

/** Where initdb and pg_ctl are, or undefined when PostgreSQL is not installed. */
export function findBinDir(): string | undefined {
  const fromEnv = process.env.PG_BINDIR;
  if (fromEnv && existsSync(path.join(fromEnv, 'initdb'))) return fromEnv;
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => existsSync(path.join(debian, v, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(debian, versions[0], 'bin');
  }
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  const found = which.stdout.trim();
  return found ? path.dirname(found) : undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface ClusterOptions {
  /** Trade durability for speed (fsync off): right for tests, wrong for benchmarks. */
  fast?: boolean;
  database?: string;
}

export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const bin = findBinDir();
  if (!bin) throw new ClusterUnavailable('PostgreSQL er ikke installeret (initdb mangler). Installer pakken postgresql, eller sæt PG_BINDIR.');
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(path.join(tmpdir(), 'ledelsesbot-pg-'));
  const run = (cmd: string, args: string[]) => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
    return execFileSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  };
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const data = path.join(dir, 'data');
  const port = await freePort();
  try {
    run(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    const settings = [`-p ${port}`, `-k ${dir}`, '-c listen_addresses=127.0.0.1', '-c max_connections=200'];
    if (options.fast !== false) settings.push('-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off');
    run(path.join(bin, 'pg_ctl'), ['-D', data, '-l', path.join(dir, 'server.log'), '-o', settings.join(' '), '-w', '-t', '30', 'start']);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    const e = err as { stderr?: string; message: string };
    throw new Error(`Den midlertidige PostgreSQL kunne ikke starte: ${e.stderr?.trim() || e.message}`);
  }
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const psql = path.join(bin, 'psql');
  const createDatabase = (name: string) => {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
    execFileSync(psql, ['-X', '-q', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-c', `CREATE DATABASE ${name}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    return `postgres://postgres@127.0.0.1:${port}/${name}`;
  };
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      run(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } catch {
      // Already gone.
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const url = createDatabase(options.database ?? 'ledelsesbot');
  return { adminUrl, url, port, dir, createDatabase, stop };
}
