/**
 * Hostile uploads through the local archive: every rejection class (empty, binary, PNG, PDF,
 * 6 MB, invalid UTF-8), a 10 MB one-paragraph statement, bad bytes uploaded over an archived
 * transcript's key, and path traversal in object keys. Each ends in exactly one TranscriptRejected
 * (or a plain archived transcript), archived data stays as it was, and nothing is written outside
 * the local S3 store's directory. This file runs its own s3rver so it can watch the file system.
 */
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { transcriptIdFor } from '../../lambdas/core/ids';
import { checkInvariants, formatInvariantReport, uploadOf, type ExpectedUpload } from '../../local/invariants';
import { createBucket, localS3Client, startS3, type RunningService } from '../../local/services';
import { useLocalArchive } from '../support/local-archive';
import { api, corpusSample, putObject, settle, startInProcessArchive, type InProcessArchive } from './harness';

const walk = (dir: string, prefix = ''): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]));

const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(300, 7)]);
const pdf = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const binary = Buffer.from(Array.from({ length: 2000 }, (_, i) => (i % 3 === 0 ? 0 : (i * 131) % 256)));
const invalidUtf8 = Buffer.from(Array.from({ length: 400 }, (_, i) => 0x80 + ((i * 37) % 0x7f)));
const sixMb = Buffer.from(`MR. PRICE: ${'Sanctions remain in place. '.repeat(Math.ceil((6 * 1024 * 1024) / 27))}`);
const tenMbParagraph = Buffer.from(`MR. PRICE: ${'we support human rights and the rule of law '.repeat(Math.ceil((10 * 1024 * 1024) / 44))}`);

describe('hostile uploads to the local archive', () => {
  const local = useLocalArchive();
  let root: string;
  let s3Dir: string;
  let s3Service: RunningService;
  let s3: S3Client;
  let archive: InProcessArchive;
  const uploads: ExpectedUpload[] = [];
  let good: ExpectedUpload;

  beforeAll(async () => {
    // The store's directory sits two levels inside `root`, so escapes are visible in `root`.
    root = mkdtempSync(path.join(tmpdir(), 'demarche-hostile-'));
    s3Dir = path.join(root, 'data', 's3');
    mkdirSync(s3Dir, { recursive: true });
    s3Service = await startS3({ directory: s3Dir });
    s3 = localS3Client(s3Service.endpoint);
    await createBucket(s3, local.bucket);
    process.env.AWS_ENDPOINT_URL_S3 = s3Service.endpoint;
    archive = await startInProcessArchive({ dynamo: local.dynamo, s3, tables: local.tables, bucket: local.bucket });
    const t = corpusSample(1, 9)[0]!;
    good = { ...(await putObject(s3, local.bucket, `good/${t.name}`, t.bytes)), expect: 'archived' };
    uploads.push(good);
    await settle(archive, local.dynamo, local.tables.webhooks);
  });

  afterAll(async () => {
    await archive?.stop();
    s3?.destroy();
    await s3Service?.stop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('ends every rejection class in exactly one TranscriptRejected and leaves archived transcripts alone', async () => {
    const before = await api(archive, 'GET', `/transcripts/${transcriptIdFor(local.bucket, good.key)}`);
    expect(before.status).toBe(200);
    const cases: Array<[string, Buffer, string]> = [
      ['empty.txt', Buffer.alloc(0), 'empty'],
      ['whitespace.txt', Buffer.from(' \n\t \r\n  '), 'empty'],
      ['binary.bin', binary, 'binary'],
      ['image.png', png, 'unsupported-type'],
      ['paper.pdf', pdf, 'unsupported-type'],
      ['six-mb.txt', sixMb, 'too-large'],
      ['ten-mb-paragraph.txt', tenMbParagraph, 'too-large'],
      ['latin-soup.txt', invalidUtf8, 'undecodable'],
    ];
    for (const [name, bytes, reason] of cases) {
      await putObject(s3, local.bucket, `hostile/${name}`, bytes);
      uploads.push({ ...uploadOf(local.bucket, `hostile/${name}`, bytes), expect: 'rejected', reason });
    }
    // Bad bytes over the good transcript's key: a rejected revision 2; revision 1 stays on show.
    await putObject(s3, local.bucket, good.key, png);
    uploads.push({ ...uploadOf(local.bucket, good.key, png), expect: 'rejected', reason: 'unsupported-type' });
    await settle(archive, local.dynamo, local.tables.webhooks);

    const report = await checkInvariants({ dynamo: local.dynamo, tables: local.tables, uploads });
    expect(formatInvariantReport(report)).toMatch(/^invariants hold/);
    expect(report.uploads).toMatchObject({ total: cases.length + 2, rejected: cases.length + 1, lost: 0 });

    const after = await api(archive, 'GET', `/transcripts/${transcriptIdFor(local.bucket, good.key)}`);
    expect(after.status).toBe(200);
    expect(after.json.statements).toEqual(before.json.statements);
    expect(after.json.title).toBe(before.json.title);
    const events: Array<{ type: string; data: { revision?: number } }> = [];
    let cursor: string | undefined;
    do {
      const page = await api(archive, 'GET', `/transcripts/${transcriptIdFor(local.bucket, good.key)}/events?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.status).toBe(200);
      events.push(...page.json.items);
      cursor = page.json.nextCursor;
    } while (cursor);
    const types = events.filter((e) => e.data.revision === 2).map((e) => e.type);
    expect(types).toEqual(['TranscriptReceived', 'TranscriptRejected']);
    expect(archive.lines.filter((l) => l.startsWith('dead'))).toEqual([]);
  });

  it('stores keys with ../, %2e%2e/ and leading slashes as plain keys or refuses them, never writing outside the store', async () => {
    const text = corpusSample(1, 17)[0]!.bytes;
    const keys = ['../../escape-a.txt', 'a/../../../escape-b.txt', '../other-bucket/escape-c.txt', '%2e%2e/%2e%2e/escape-d.txt', '..%2F..%2Fescape-e.txt', '/abs/escape-f.txt', './dot.txt', 'x/./y.txt'];
    const accepted: string[] = [];
    for (const key of keys) {
      try {
        await s3.send(new PutObjectCommand({ Bucket: local.bucket, Key: key, Body: text, ContentType: 'text/plain' }));
        accepted.push(key);
        uploads.push({ ...uploadOf(local.bucket, key, text), expect: 'archived' });
      } catch {
        // Refused by the store: fine, as long as nothing was written.
      }
    }
    await settle(archive, local.dynamo, local.tables.webhooks);

    // Only the store's own directory holds objects.
    const outside = walk(root).filter((f) => !f.startsWith('data/s3/'));
    expect(outside).toEqual([]);
    const otherBuckets = readdirSync(s3Dir).filter((d) => d !== local.bucket);
    expect(otherBuckets).toEqual([]);
    // Whatever was accepted was archived under its own key, as a plain transcript.
    const report = await checkInvariants({ dynamo: local.dynamo, tables: local.tables, uploads });
    expect(formatInvariantReport(report)).toMatch(/^invariants hold/);
    for (const key of accepted) {
      const res = await api(archive, 'GET', `/transcripts/${transcriptIdFor(local.bucket, key)}/events?limit=1`);
      expect([key, res.status]).toEqual([key, 200]);
      expect(res.json.items[0].data.source.key).toBe(key);
    }
  });
});
