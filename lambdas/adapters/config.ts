/**
 * Handler configuration, read from the environment once and validated, so a missing variable fails
 * at start-up with its name rather than deep inside a request.
 */
import * as z from 'zod';
import { BUCKET_ENV_VAR, TABLES, type TableId } from './table-definitions';

/** Reads and validates the named variables; throws one error listing every missing one. */
export const readEnv = <K extends string>(names: readonly K[], env: NodeJS.ProcessEnv = process.env): Record<K, string> => {
  const shape = Object.fromEntries(names.map((n) => [n, z.string().min(1)])) as Record<K, z.ZodString>;
  const parsed = z.object(shape).safeParse(env);
  if (!parsed.success) {
    const missing = parsed.error.issues.map((i) => String(i.path[0])).join(', ');
    throw new Error(`Missing configuration: ${missing}`);
  }
  return parsed.data as Record<K, string>;
};

/** The name of a table, from its environment variable. */
export const tableName = (id: TableId, env: NodeJS.ProcessEnv = process.env): string => {
  const def = TABLES.find((t) => t.id === id);
  if (!def) throw new Error(`Unknown table ${id}`);
  return readEnv([def.envVar], env)[def.envVar] as string;
};

/** The transcripts bucket's name. */
export const bucketName = (env: NodeJS.ProcessEnv = process.env): string => readEnv([BUCKET_ENV_VAR], env)[BUCKET_ENV_VAR];

/** Attempts per S3 request (the S3 client's and ingest's object reader's alike). */
export const S3_MAX_ATTEMPTS = 5;

/** Whether S3 is addressed path-style (`DEMARCHE_S3_FORCE_PATH_STYLE=1`, which s3rver needs). */
export const s3ForcePathStyle = (env: NodeJS.ProcessEnv = process.env): boolean => env.DEMARCHE_S3_FORCE_PATH_STYLE === '1';
