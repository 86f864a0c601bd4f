// `npm start`: the local archive. Checks prerequisites first so a missing Java says so plainly,
// then runs local/main.ts in this very process (TypeScript through tsx's loader), so signals reach
// the runtime directly and killing this process leaves nothing behind (DynamoDB Local's watchdog
// follows it).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
if (java.error || java.status !== 0) {
  console.error('demarche: Java 17+ is required for DynamoDB Local but `java` was not found on PATH.');
  console.error('Install it (Debian/Ubuntu: apt-get install -y openjdk-17-jre-headless) and run `npm start` again.');
  process.exit(1);
}
const major = Number(/version "(\d+)/.exec(java.stderr)?.[1] ?? 0);
if (major && major < 17) {
  console.error(`demarche: DynamoDB Local needs Java 17 or newer; \`java\` on PATH is version ${major}.`);
  process.exit(1);
}

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { register: registerEsm } = await import('tsx/esm/api');
const { register: registerCjs } = await import('tsx/cjs/api');
registerEsm();
registerCjs();
const require = createRequire(import.meta.url);
const { main } = require('../local/main.ts');
await main();
