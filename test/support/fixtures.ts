/** Loads fixture files (fixtures/<source>/<variant>.json) by their path relative to fixtures/. */
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The repository's fixtures folder. */
export const FIXTURES_DIR = path.resolve(__dirname, '../../fixtures');

/** Parses a JSON fixture, e.g. `loadFixture<SQSEvent>('aws/sqs-s3-object-created.json')`. */
export const loadFixture = <T = unknown>(relPath: string): T => JSON.parse(readFileSync(path.join(FIXTURES_DIR, relPath), 'utf8')) as T;
