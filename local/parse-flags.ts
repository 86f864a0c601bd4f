/**
 * V8 settings for `demarche parse`, applied before the parser's modules load (dist/parse.js imports
 * this first). A parse run is short and cold, so start-up work counts.
 *
 * - `--no-regexp-tier-up`: V8 normally compiles a regex to bytecode for its first run and again to
 *   native code once it is used more; the parser's few hundred patterns are nearly all used on
 *   every transcript, so the bytecode pass (and its peephole optimiser) is work thrown away. Over
 *   the corpus on 2 cores: median of 16 alternating runs 1.62 → 1.53 s.
 *
 * Set at run time rather than on the command line: an unknown option makes `node` refuse to start,
 * while setFlagsFromString only warns, and the flag is applied only on the Node majors known to
 * have it.
 */
import { setFlagsFromString } from 'node:v8';

const major = Number(process.versions.node.split('.')[0]);
if (major >= 20 && major <= 24) setFlagsFromString('--no-regexp-tier-up');
