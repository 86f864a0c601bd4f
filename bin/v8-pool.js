// `demarche parse` is one busy JavaScript thread, and V8 compiles and collects garbage on a pool of
// background threads (Node's default: 4). On a machine with few cores those threads crowd out the
// parsing thread itself: on 2 cores the corpus took 1.6–1.7 s with the default pool and 1.3–1.4 s
// with one background thread. The pool size is fixed when Node starts, so on such machines the
// command runs itself again once, with --v8-pool-size set to the cores the parsing thread leaves.
'use strict';
const { spawn } = require('node:child_process');
const os = require('node:os');

const NODE_DEFAULT_POOL = 4;
/**
 * Flags that go with a small pool: garbage collection on the parsing thread itself (~50 ms of a
 * corpus run), so that its parallel and concurrent tasks leave the pool's threads to the optimising
 * compiler (2–3 % of the corpus run's wall time on 2 cores, median of alternating runs).
 */
const POOL_COMPANIONS = ['--single-threaded-gc'];
const MARKER = 'DEMARCHE_V8_POOL_SET';

/**
 * The pool size to relaunch with, or 0 to run as is. DEMARCHE_V8_POOL_SIZE overrides the choice
 * (0 keeps Node's default).
 */
const poolSizeFor = (env = process.env, execArgv = process.execArgv, cores = os.availableParallelism()) => {
  // Not twice, not over a pool set on the command line, and not under a debugger (a second process
  // would try to take the inspector's port).
  if (env[MARKER] === '1' || execArgv.some((a) => a.startsWith('--v8-pool-size') || /^--(?:inspect|debug)/u.test(a))) return 0;
  const forced = env.DEMARCHE_V8_POOL_SIZE?.trim();
  if (forced && /^\d+$/u.test(forced)) return Number(forced);
  const pool = Math.max(1, cores - 1);
  return pool < NODE_DEFAULT_POOL ? pool : 0;
};

/**
 * The environment for a relaunched `demarche parse`: the caller's, less NODE_EXTRA_CA_CERTS. Node
 * reads and parses that certificate file at every start-up (about 80 ms for a system bundle on the
 * project's machine), and parsing opens no TLS connection.
 */
const parseEnv = (env = process.env) => {
  const { NODE_EXTRA_CA_CERTS: _unused, ...rest } = env;
  return rest;
};

/**
 * Runs `script` again with `args` under `--v8-pool-size=N` when N (see poolSizeFor) is set: the
 * child inherits stdio, receives the signals this process gets, and its exit status becomes this
 * process's. Returns whether it relaunched (then the caller does nothing more).
 */
const relaunchWithPool = (script, args, env = process.env) => {
  const pool = poolSizeFor(env);
  if (pool <= 0) return false;
  const child = spawn(process.execPath, [...process.execArgv, `--v8-pool-size=${pool}`, ...POOL_COMPANIONS, script, ...args], {
    stdio: 'inherit',
    env: { ...env, [MARKER]: '1' },
  });
  const forward = (signal) => () => child.kill(signal);
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const handlers = signals.map((signal) => [signal, forward(signal)]);
  for (const [signal, handler] of handlers) process.on(signal, handler);
  child.on('error', (error) => {
    process.stderr.write(`demarche: cannot start node: ${error.message}\n`);
    process.exitCode = 1;
  });
  child.on('exit', (code, signal) => {
    for (const [name, handler] of handlers) process.off(name, handler);
    if (signal) process.kill(process.pid, signal);
    else process.exitCode = code ?? 1;
  });
  return true;
};

module.exports = { parseEnv, poolSizeFor, relaunchWithPool };
