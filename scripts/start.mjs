// `npm start`: the local archive. Checks prerequisites first so a missing Java says so plainly.
import { spawnSync } from 'node:child_process';

const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
if (java.error || java.status !== 0) {
  console.error('demarche: Java 17+ is required for DynamoDB Local but `java` was not found on PATH.');
  console.error('Install it (Debian/Ubuntu: apt-get install -y openjdk-17-jre-headless) and run `npm start` again.');
  process.exit(1);
}
console.log('demarche: the local runtime is not there yet.');
