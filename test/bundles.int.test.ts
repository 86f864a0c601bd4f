/**
 * The deployed bundles, not only the sources, work: each function is bundled exactly as the stack
 * bundles it (lib/function-defaults.ts: the AWS SDK clients inlined from their ES module builds, the
 * S3 presigner loaded on demand) and its handler runs in a fresh Node process against DynamoDB Local
 * and s3rver, chained as in AWS: upload → ingest → projector and notifier → API, deliverer.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { type AttributeValue, QueryCommand } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { APIGatewayProxyEvent, DynamoDBStreamEvent, SQSEvent } from 'aws-lambda';
import { build } from 'esbuild';
import { transcriptStream } from '../lambdas/core/events';
import { transcriptIdFor } from '../lambdas/core/ids';
import { decodeCommitItem } from '../lambdas/adapters/event-commits';
import { FUNCTIONS, type FunctionName } from '../lambdas/adapters/wiring';
import { esbuildOptions, ON_DEMAND_MODULES, REPO_ROOT, RUNTIME_PROVIDED_MODULES } from '../lib/function-defaults';
import { loadFixture } from './support/fixtures';
import { useLocalArchive } from './support/local-archive';

const run = promisify(execFile);
const archive = useLocalArchive();
const NAMES = Object.keys(FUNCTIONS) as FunctionName[];
const SEED = readFileSync(path.resolve(__dirname, '../../shared/fixtures/seed/kazakhstan-visit-remarks.txt'));
const KEY = 'transcripts/bundles/kazakhstan-visit-remarks.txt';
/** Required inside a try/catch by the S3 signer (SigV4a), absent here and in the Lambda runtime alike. */
const OPTIONAL_MODULES = ['@aws-sdk/signature-v4-crt'];

// Loads the bundle, calls its handler with the event in a file, prints the result on a marked line
// (the handlers' own logs go to stdout too, as in Lambda).
const CHILD = `
const { handler } = require(process.argv[1]);
const event = JSON.parse(require('node:fs').readFileSync(process.argv[2], 'utf8'));
Promise.resolve(handler(event)).then(
  (result) => process.stdout.write('\\n@@result ' + JSON.stringify(result ?? null) + '\\n'),
  (error) => { console.error(error); process.exit(1); },
);`;

let dir: string;
let receiver: Server;
const received: { path: string; body: string; headers: IncomingMessage['headers'] }[] = [];

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'demarche-bundles-'));
  await Promise.all(NAMES.map((name) => build(esbuildOptions(name, path.join(dir, name, 'index.js')))));
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ path: req.url ?? '', body, headers: req.headers });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
}, 120_000);

afterAll(async () => {
  await new Promise((resolve) => receiver?.close(resolve));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Runs a function's bundle on one event in a fresh process (Lambda-like), with the archive's environment. */
const invoke = async <T>(name: FunctionName, event: unknown): Promise<T> => {
  const eventFile = path.join(dir, `${name}-event-${Date.now()}.json`);
  writeFileSync(eventFile, JSON.stringify(event));
  const { stdout } = await run(process.execPath, ['--enable-source-maps', '-e', CHILD, path.join(dir, name, 'index.js'), eventFile], {
    // No node_modules above the bundle: what it leaves outside resolves through NODE_PATH only, as
    // the Lambda runtime's NODE_PATH provides its AWS SDK.
    cwd: dir,
    env: { ...process.env, NODE_PATH: path.join(REPO_ROOT, 'node_modules'), DEMARCHE_ALLOW_PRIVATE_WEBHOOKS: '1', POWERTOOLS_LOG_LEVEL: 'ERROR' },
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = stdout.split('\n').find((l) => l.startsWith('@@result '));
  if (!line) throw new Error(`${name} printed no result:\n${stdout}`);
  return JSON.parse(line.slice('@@result '.length)) as T;
};

/** An item as a stream record's image carries it (binary attributes in base64, as in Lambda's JSON event). */
const streamImage = (item: Record<string, AttributeValue>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(item).map(([k, v]) => [k, v.B ? { B: Buffer.from(v.B).toString('base64') } : v]));

/** The commit items of the uploaded transcript's stream, as the events table's stream would carry them. */
const streamEventOfTranscript = async (): Promise<DynamoDBStreamEvent> => {
  const template = loadFixture<DynamoDBStreamEvent>('aws/dynamodb-stream-commit.json').Records[0]!;
  const items = await archive.dynamo.send(
    new QueryCommand({
      TableName: archive.tables.events,
      KeyConditionExpression: 'pk = :p',
      ExpressionAttributeValues: { ':p': { S: transcriptStream(transcriptIdFor(archive.bucket, KEY)) } },
      ConsistentRead: true,
    }),
  );
  return {
    Records: (items.Items ?? []).map((item, i) => ({
      ...template,
      eventID: `bundle-test-${i}`,
      dynamodb: { ...template.dynamodb, Keys: { pk: item.pk!, sk: item.sk! }, NewImage: streamImage(item) } as NonNullable<typeof template.dynamodb>,
    })) as DynamoDBStreamEvent['Records'],
  };
};

/** The events of a stream batch. */
const eventsOf = (stream: DynamoDBStreamEvent) => stream.Records.flatMap((r) => decodeCommitItem(r.dynamodb!.NewImage));

/** An API Gateway proxy event for one request. */
const request = (method: string, requestPath: string, body?: unknown, pathParameters?: Record<string, string>): APIGatewayProxyEvent => {
  const template = loadFixture<APIGatewayProxyEvent>('aws/apigw-post-subscriptions.json');
  return {
    ...template,
    httpMethod: method,
    path: requestPath,
    resource: requestPath,
    pathParameters: pathParameters ?? null,
    body: body === undefined ? null : JSON.stringify(body),
    requestContext: { ...template.requestContext, httpMethod: method, path: `/v1${requestPath}` },
  };
};

interface ProxyResult {
  statusCode: number;
  body: string;
}

describe('function bundles', () => {
  it('leave outside only Node built-ins, the credential providers and the on-demand SDK clients the runtime provides', () => {
    for (const name of NAMES) {
      const code = readFileSync(path.join(dir, name, 'index.js'), 'utf8');
      // Static requires and the dynamic imports esbuild leaves in place.
      const required = [...new Set([...code.matchAll(/\b(?:require|import)\("([^"]+)"\)/g)].map((m) => m[1]!))];
      const allowed = [...RUNTIME_PROVIDED_MODULES, ...(ON_DEMAND_MODULES[name] ?? []), ...OPTIONAL_MODULES];
      const outside = required.filter((m) => !builtinModules.includes(m.replace(/^node:/, '')) && !allowed.includes(m));
      expect({ name, outside }).toEqual({ name, outside: [] });
    }
  });

  it('link their source maps, which Node loads so that logged stack traces name the TypeScript sources', async () => {
    const child = `
const bundle = process.argv[1];
require(bundle);
const map = require('node:module').findSourceMap(bundle);
process.stdout.write(JSON.stringify(map ? map.payload.sources.filter((s) => s.includes('lambdas/')).length : -1));`;
    for (const name of NAMES) {
      const bundle = path.join(dir, name, 'index.js');
      expect(readFileSync(bundle, 'utf8')).toMatch(/\/\/# sourceMappingURL=index\.js\.map\s*$/);
      const { stdout } = await run(process.execPath, ['--enable-source-maps', '-e', child, bundle], {
        cwd: dir,
        env: { ...process.env, NODE_PATH: path.join(REPO_ROOT, 'node_modules'), POWERTOOLS_LOG_LEVEL: 'ERROR' },
      });
      expect(Number(stdout)).toBeGreaterThan(0);
    }
  });

  it('ingest holds no S3 client (it reads objects with one signed GET: lambdas/adapters/s3-object-reader.ts)', () => {
    const code = readFileSync(path.join(dir, 'ingest', 'index.js'), 'utf8');
    // Every S3 client build carries its operations' shape ids; ingest's bundle must not.
    expect(code.match(/com\.amazonaws\.s3#\w+/g) ?? []).toEqual([]);
  });

  it('ingest is ASCII only, so V8 holds its source as a one-byte string (the parser writes non-ASCII characters of its patterns as escapes)', () => {
    const code = readFileSync(path.join(dir, 'ingest', 'index.js'), 'utf8');
    const lines = code.split('\n').flatMap((line, i) => (/[^\x00-\x7f]/u.test(line) ? [`${i + 1}: ${line.slice(0, 120)}`] : []));
    expect(lines).toEqual([]);
  });

  it('the API starts without loading the S3 client (it loads with the first upload)', async () => {
    const { stdout } = await run(
      process.execPath,
      ['-e', "require(process.argv[1]); process.stdout.write(JSON.stringify(Object.keys(require.cache).filter((f) => /@aws-sdk[\\/]/.test(f))))", path.join(dir, 'api', 'index.js')],
      { cwd: dir, env: { PATH: process.env.PATH, AWS_REGION: 'us-east-1', NODE_PATH: path.join(REPO_ROOT, 'node_modules') } },
    );
    expect(JSON.parse(stdout)).toEqual([]);
  });

  it('ingest archives an uploaded transcript', async () => {
    const put = await archive.s3.send(new PutObjectCommand({ Bucket: archive.bucket, Key: KEY, Body: SEED, Metadata: { title: 'Bundle test remarks' } }));
    const sqs = loadFixture<SQSEvent>('aws/sqs-s3-object-created.json');
    const body = JSON.parse(sqs.Records[0]!.body) as { Records: Array<{ eventTime: string; s3: { bucket: { name: string }; object: { key: string; eTag: string } } }> };
    Object.assign(body.Records[0]!, { eventTime: new Date().toISOString() });
    Object.assign(body.Records[0]!.s3.bucket, { name: archive.bucket });
    Object.assign(body.Records[0]!.s3.object, { key: KEY, eTag: (put.ETag ?? '').replace(/"/g, '') });
    const result = await invoke<{ batchItemFailures: unknown[] }>('ingest', { Records: [{ ...sqs.Records[0]!, body: JSON.stringify(body) }] });
    expect(result).toEqual({ batchItemFailures: [] });
    const stream = await streamEventOfTranscript();
    const types = eventsOf(stream).map((e) => e.type);
    expect(types.slice(0, 2)).toEqual(['TranscriptReceived', 'TranscriptParsed']);
    expect(types).toContain('TopicDetected');
  });

  it('projector projects the commits, and the API answers from the views', async () => {
    expect(await invoke('projector', await streamEventOfTranscript())).toEqual({ batchItemFailures: [] });
    const id = transcriptIdFor(archive.bucket, KEY);
    const res = await invoke<ProxyResult>('api', request('GET', `/transcripts/${id}`, undefined, { id }));
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ title: expect.any(String), statements: expect.any(Array) });
  });

  it('the API pre-signs an upload (S3 loaded on demand) that s3rver accepts', async () => {
    const res = await invoke<ProxyResult>('api', request('POST', '/uploads', { key: 'bundles/second.txt', title: 'Second' }));
    expect(res.statusCode).toBe(201);
    const upload = JSON.parse(res.body) as { uploadUrl: string; headers: Record<string, string> };
    const put = await fetch(upload.uploadUrl, { method: 'PUT', headers: upload.headers, body: 'Remarks.\n\nWe discussed trade.' });
    expect(put.status).toBe(200);
  });

  it('the notifier delivers a detected topic to a subscription the API created', async () => {
    const stream = await streamEventOfTranscript();
    const topic = eventsOf(stream).find((e) => e.type === 'TopicDetected')!.data as { topic: string };
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const created = await invoke<ProxyResult>('api', request('POST', '/subscriptions', { url, topics: [topic.topic] }));
    expect(created.statusCode).toBe(201);
    const result = await invoke<{ batchItemFailures: unknown[] }>('notifier', stream);
    expect(result).toEqual({ batchItemFailures: [] });
    expect(received.some((r) => r.path === '/hook' && JSON.parse(r.body).data?.topic === topic.topic && r.headers['webhook-signature'])).toBe(true);
  });

  it('the deliverer sweeps (nothing is due)', async () => {
    expect(await invoke('deliverer', {})).toEqual({ attempted: 0 });
  });
});
