/** Profiling harness (not shipped): parses the corpus N times for `node --cpu-prof`. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseTranscript } from '../lambdas/core/parser';

const list = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? list(full) : e.name.endsWith('.txt') ? [full] : [];
  });
const inputs = list(path.resolve(__dirname, '../../shared/corpus')).sort().map((f) => readFileSync(f));
const rounds = Number(process.argv[2] ?? 4);
for (let r = 0; r < rounds; r++) {
  const cpu = process.cpuUsage();
  for (const input of inputs) parseTranscript(input, { transcriptId: 'p', revision: 1, metadata: {} });
  const u = process.cpuUsage(cpu);
  console.log(`round ${r}: ${((u.user + u.system) / 1000).toFixed(0)} ms CPU`);
}
