/**
 * `demarche upload PATH... [--title T] [--date D] [--url U] [--speaker S]` (interfaces.md): puts
 * transcript files (or every file under folders) into the archive's bucket. Each upload asks the
 * API for a pre-signed URL (POST /uploads) and PUTs the bytes there, with the metadata as
 * `x-amz-meta-*` headers, so the same command works against the local archive and AWS.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { ApiClient } from '../api-client';
import { transcriptIdFor } from '../../lambdas/core/ids';
import { clientFor, type Output, positiveInt, processOutput, type TargetOptions, withTargetOptions } from '../cli-support';

interface UploadOptions extends TargetOptions {
  title?: string;
  date?: string;
  url?: string;
  speaker?: string;
  concurrency?: number;
  json?: boolean;
  progress?: boolean;
}

/** One file to upload and its name: the file name, or its path below an uploaded folder. */
export interface UploadItem {
  readonly file: string;
  readonly key: string;
}

/** The upload could not be done. */
export class UploadError extends Error {
  override readonly name = 'UploadError';
}

const isHidden = (name: string): boolean => name.startsWith('.');

const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true })
    .filter((entry) => !isHidden(entry.name))
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return walk(full);
      return entry.isFile() ? [full] : [];
    });

/** The files named by the arguments, each with a display name (a folder's files: `<folder>/<path inside>`). */
export const collectUploads = (paths: readonly string[]): UploadItem[] => {
  const items: UploadItem[] = [];
  for (const p of paths) {
    const stat = statSync(p, { throwIfNoEntry: false });
    if (!stat) throw new UploadError(`${p}: no such file or folder`);
    if (stat.isDirectory()) {
      const root = path.resolve(p);
      const base = path.basename(root);
      for (const file of walk(root)) items.push({ file, key: `${base}/${path.relative(root, file).split(path.sep).join('/')}` });
    } else {
      items.push({ file: path.resolve(p), key: path.basename(p) });
    }
  }
  return items;
};

/** An upload's name as an object key the API accepts: plain path segments of [A-Za-z0-9._-]. */
export const keyFor = (name: string): string =>
  name
    .split('/')
    .map((segment) => segment.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^\.+$/, '_'))
    .filter((segment) => segment.length > 0)
    .join('/')
    .slice(-500)
    .replace(/^\/+/, '') || 'transcript.txt';

/** Metadata of an upload, as S3 object metadata (x-amz-meta-*). */
export type UploadMetadata = Partial<Record<'title' | 'date' | 'url' | 'speaker', string>>;

/** What POST /uploads answers: where and how to PUT the bytes. */
interface PresignedUpload {
  readonly uploadUrl: string;
  readonly method?: string;
  readonly bucket: string;
  readonly key: string;
  /** Headers the PUT must send exactly (content type and signed x-amz-meta-*). */
  readonly headers?: Record<string, string>;
}

const CONTENT_TYPES: Record<string, string> = { '.txt': 'text/plain', '.md': 'text/markdown', '.html': 'text/html', '.htm': 'text/html' };

/** What one upload did. */
export interface Uploaded {
  readonly name: string;
  readonly bucket: string;
  readonly key: string;
  /** The transcript the object becomes (stable per bucket and key). */
  readonly transcriptId: string;
  readonly bytes: number;
}

/** Uploads one file: a pre-signed URL from the API (POST /uploads), then a PUT of the bytes. */
export const uploadOne = async (client: ApiClient, item: UploadItem, metadata: UploadMetadata): Promise<Uploaded> => {
  const body = readFileSync(item.file);
  const contentType = CONTENT_TYPES[path.extname(item.file).toLowerCase()] ?? 'text/plain';
  // The name is the object key, so uploading a corrected file again adds a revision to the same
  // transcript, and uploading the same bytes again changes nothing.
  const key = keyFor(item.key);
  const presigned = await client.post<PresignedUpload>('/uploads', { filename: path.basename(item.file), key, contentType, ...metadata });
  if (!presigned?.uploadUrl) throw new UploadError(`POST /uploads gave no URL for ${item.key}`);
  let response: Response;
  try {
    response = await fetch(presigned.uploadUrl, {
      method: presigned.method ?? 'PUT',
      headers: presigned.headers ?? { 'content-type': contentType },
      body,
    });
  } catch (cause) {
    throw new UploadError(`PUT ${item.key} failed: ${(cause as Error).message}`, { cause });
  }
  if (!response.ok) {
    const text = await response.text();
    throw new UploadError(`PUT ${item.key} answered ${response.status}: ${text.slice(0, 300)}`);
  }
  return {
    name: item.key,
    bucket: presigned.bucket,
    key: presigned.key,
    transcriptId: transcriptIdFor(presigned.bucket, presigned.key),
    bytes: body.length,
  };
};

/** Runs `fn` over items with at most `limit` at a time; the first error stops new work. */
const inParallel = async <T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> => {
  let next = 0;
  let failed: unknown;
  const worker = async () => {
    while (failed === undefined && next < items.length) {
      const item = items[next++]!;
      try {
        await fn(item);
      } catch (error) {
        failed ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failed !== undefined) throw failed;
};

/** Registers the `upload` command. */
export const registerUploadCommand = (program: Command, output: Output = processOutput): void => {
  withTargetOptions(
    program
      .command('upload')
      .argument('<paths...>', 'transcript files or folders')
      .description('upload transcripts to the archive (local or AWS); progress shown for many files'),
  )
    .option('--title <title>', 'title (x-amz-meta-title)')
    .option('--date <date>', 'date, e.g. 2022-04-13 (x-amz-meta-date)')
    .option('--url <url>', 'where the text was published (x-amz-meta-url)')
    .option('--speaker <name>', 'who speaks (x-amz-meta-speaker)')
    .option('--concurrency <n>', 'uploads in flight', positiveInt, 4)
    .option('--json', 'print one JSON line per uploaded file')
    .option('--no-progress', 'no progress bar, one line per file')
    .action(async (paths: string[], o: UploadOptions) => {
      const items = collectUploads(paths);
      if (items.length === 0) throw new UploadError('no files to upload');
      const metadata: UploadMetadata = Object.fromEntries(
        (['title', 'date', 'url', 'speaker'] as const).filter((k) => o[k] !== undefined).map((k) => [k, o[k] as string]),
      );
      const client = clientFor(o);
      const useBar = !o.json && o.progress !== false && items.length > 3 && Boolean(process.stderr.isTTY);
      const bar = useBar ? await progressBar(items.length) : undefined;
      let bytes = 0;
      const started = Date.now();
      try {
        await inParallel(items, o.concurrency ?? 4, async (item) => {
          const done = await uploadOne(client, item, metadata);
          bytes += done.bytes;
          if (o.json) output.out(JSON.stringify({ file: item.file, ...done }));
          else if (bar) bar.increment(1, { key: done.name });
          else output.out(`uploaded  ${done.name}  → ${done.key}  transcript ${done.transcriptId}`);
        });
      } finally {
        bar?.stop();
      }
      if (!o.json) {
        const secs = ((Date.now() - started) / 1000).toFixed(1);
        output.out(`${items.length} file(s), ${(bytes / 1024).toFixed(1)} KB uploaded to ${client.target.apiUrl} in ${secs} s; they are archived in the background.`);
      }
    });
};

const progressBar = async (total: number) => {
  const { SingleBar, Presets } = await import('cli-progress');
  const bar = new SingleBar(
    { format: 'uploading [{bar}] {value}/{total}  {key}', stream: process.stderr, hideCursor: true, clearOnComplete: false },
    Presets.shades_classic,
  );
  bar.start(total, 0, { key: '' });
  return bar;
};
