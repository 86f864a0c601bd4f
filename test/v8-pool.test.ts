import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// bin/ is plain CommonJS run by Node as is (no build), so the test loads it the same way.
const { parseEnv, poolSizeFor } = require('../bin/v8-pool.js') as {
  parseEnv: (env: NodeJS.ProcessEnv) => NodeJS.ProcessEnv;
  poolSizeFor: (env: NodeJS.ProcessEnv, execArgv: string[], cores: number) => number;
};
const LOADER = path.resolve(__dirname, '../bin/v8-pool.js');

describe('poolSizeFor (bin/v8-pool.js)', () => {
  it('leaves one core to the parsing thread when that is fewer threads than Node’s default pool of 4', () => {
    expect(poolSizeFor({}, [], 1)).toBe(1);
    expect(poolSizeFor({}, [], 2)).toBe(1);
    expect(poolSizeFor({}, [], 4)).toBe(3);
    expect(poolSizeFor({}, [], 5)).toBe(0);
    expect(poolSizeFor({}, [], 16)).toBe(0);
  });

  it('never relaunches twice or under a debugger, and honours a pool set on the command line and the DEMARCHE_V8_POOL_SIZE override', () => {
    expect(poolSizeFor({ DEMARCHE_V8_POOL_SET: '1' }, [], 2)).toBe(0);
    expect(poolSizeFor({}, ['--v8-pool-size=2'], 2)).toBe(0);
    expect(poolSizeFor({}, ['--inspect-brk'], 2)).toBe(0);
    expect(poolSizeFor({ DEMARCHE_V8_POOL_SIZE: '0' }, [], 2)).toBe(0);
    expect(poolSizeFor({ DEMARCHE_V8_POOL_SIZE: '3' }, [], 16)).toBe(3);
  });
});

describe('parseEnv (bin/v8-pool.js)', () => {
  it('passes the environment on without NODE_EXTRA_CA_CERTS, which parsing never needs', () => {
    const env = { PATH: '/usr/bin', NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/ca-certificates.crt', DEMARCHE_V8_POOL_SIZE: '1' };
    expect(parseEnv(env)).toEqual({ PATH: '/usr/bin', DEMARCHE_V8_POOL_SIZE: '1' });
    expect(env.NODE_EXTRA_CA_CERTS).toBe('/etc/ssl/certs/ca-certificates.crt');
  });
});

describe('relaunchWithPool (bin/v8-pool.js)', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'demarche-v8-pool-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the script once more under --v8-pool-size (GC on the main thread), passing its arguments, output and exit status through', () => {
    const script = path.join(dir, 'entry.js');
    writeFileSync(
      script,
      `const { relaunchWithPool } = require(${JSON.stringify(LOADER)});
if (!relaunchWithPool(__filename, process.argv.slice(2))) {
  process.stdout.write(JSON.stringify({ execArgv: process.execArgv, args: process.argv.slice(2) }));
  process.exitCode = 3;
}`,
    );
    const run = spawnSync(process.execPath, [script, 'parse', 'a folder'], { encoding: 'utf8', env: { ...process.env, DEMARCHE_V8_POOL_SIZE: '1', DEMARCHE_V8_POOL_SET: '' } });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(3);
    expect(JSON.parse(run.stdout)).toEqual({ execArgv: ['--v8-pool-size=1', '--single-threaded-gc'], args: ['parse', 'a folder'] });
  });
});
