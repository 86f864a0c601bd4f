/**
 * The local archive (L's runtime, the real handlers, DynamoDB Local and s3rver) under faults:
 * throttling and 5xx injected into the handlers' AWS clients, S3 unreachable for a while, and
 * webhook receivers that are down, slow, answer garbage or redirect. After each, the invariants
 * hold over everything the archive holds: nothing lost, nothing duplicated.
 */
// A scaled retry schedule: the production 0 s, 5 s, 5 min… becomes 0, 500 ms, 1 s, 2 s, 4 s.
process.env.DEMARCHE_ALLOW_PRIVATE_WEBHOOKS = '1';
process.env.DEMARCHE_RETRY_SCHEDULE = '500ms,1s,2s,4s';
process.env.DEMARCHE_WEBHOOK_TIMEOUT_MS = '1000';
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

import { dynamoClient } from '../../lambdas/adapters/aws-clients';
import { checkInvariants, formatInvariantReport, type ExpectedUpload } from '../../local/invariants';
import { injectAwsFaults, startS3FaultProxy, startTcpProxy, startWebhookReceiver, type S3FaultProxy, type TcpProxy, type WebhookReceiver } from '../support/faults';
import { useLocalArchive } from '../support/local-archive';
import { corpusSample, putObject, receivedBy, settle, startInProcessArchive, subscribe, type InProcessArchive } from './harness';

const ALL_EVENTS = ['topic.detected', 'topic.first_seen', 'transcript.rejected'];

describe('the local archive under injected faults', () => {
  const local = useLocalArchive();
  let archive: InProcessArchive;
  let receiver: WebhookReceiver;
  let s3Proxy: TcpProxy;
  let s3Http: S3FaultProxy;
  const uploads: ExpectedUpload[] = [];
  const subscriptionByName = new Map<string, string>();

  const invariants = (observed: readonly string[] = [...subscriptionByName.values()]) =>
    checkInvariants({ dynamo: local.dynamo, tables: local.tables, uploads, received: receivedBy(receiver, subscriptionByName), observedSubscriptions: observed });

  beforeAll(async () => {
    // The handlers reach S3 through a proxy that the s3 test takes down; the test itself uploads directly.
    s3Proxy = await startTcpProxy(Number(new URL(local.s3Endpoint).port));
    // Ingest's object GETs fail on the wire (it reads with a signed GET of its own, not the SDK).
    s3Http = await startS3FaultProxy(s3Proxy.endpoint);
    process.env.AWS_ENDPOINT_URL_S3 = s3Http.endpoint;
    receiver = await startWebhookReceiver();
    archive = await startInProcessArchive({ dynamo: local.dynamo, s3: local.s3, tables: local.tables, bucket: local.bucket, visibilityTimeoutMs: 700 });
    subscriptionByName.set('all', await subscribe(archive, receiver.url('all'), ['*'], ALL_EVENTS));
  });

  afterAll(async () => {
    await archive?.stop();
    await receiver?.close();
    await s3Http?.stop();
    await s3Proxy?.stop();
  });

  it('loses and duplicates nothing while DynamoDB throttles and S3 slows down', async () => {
    const dynamoFaults = injectAwsFaults(dynamoClient(), { fault: ['throttling', 'provisioned-throughput'], count: 30, everyNth: 3 });
    // Seven in a row on GetObject: more than the reader's five attempts, so ingest fails and the queue redelivers.
    s3Http.arm(7, ['s3-slow-down', 's3-internal-error']);
    try {
      const texts = corpusSample(5, 3);
      for (const [i, t] of texts.entries()) uploads.push(await putObject(local.s3, local.bucket, `throttled/${i}-${t.name}`, t.bytes));
      // A byte-identical repeat and one rejected upload ride along.
      uploads.push(await putObject(local.s3, local.bucket, `throttled/0-${texts[0]!.name}`, texts[0]!.bytes));
      uploads.push(await putObject(local.s3, local.bucket, 'throttled/empty.txt', new Uint8Array()));
      await settle(archive, local.dynamo, local.tables.webhooks);
    } finally {
      dynamoFaults.remove();
      s3Http.disarm();
    }

    expect(dynamoFaults.injected).toBeGreaterThan(10);
    expect(s3Http.injected).toBe(7);
    // The queue took the failed batch back at least once.
    const report = await invariants();
    expect(formatInvariantReport(report)).toMatch(/^invariants hold/);
    expect(report.uploads).toMatchObject({ total: 7, lost: 0 });
    expect(report.uploads.rejected).toBeGreaterThanOrEqual(1);
    expect(report.deliveries.succeeded).toBeGreaterThan(0);
    expect(report.duplicates).toBe(0);
  });

  it('ingests what was uploaded while S3 was unreachable, once it is back', async () => {
    await s3Proxy.down();
    const texts = corpusSample(3, 11);
    const batch: ExpectedUpload[] = [];
    for (const [i, t] of texts.entries()) batch.push(await putObject(local.s3, local.bucket, `s3-down/${i}-${t.name}`, t.bytes));
    uploads.push(...batch);
    // Down until the ingest has failed a batch (the SDK's own retries give up first: ~2.5 s on an idle
    // machine, longer under load), at most 20 s; the queue redelivers after its visibility timeout.
    const failures = (): number => archive.lines.filter((l) => /ingest failed a batch/.test(l)).length;
    for (const deadline = Date.now() + 20_000; failures() === 0 && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 100));
    const failedWhileDown = failures();
    await s3Proxy.up();
    await settle(archive, local.dynamo, local.tables.webhooks);

    expect(failedWhileDown).toBeGreaterThan(0);
    expect(archive.lines.filter((l) => l.startsWith('dead'))).toEqual([]);
    const report = await invariants();
    expect(formatInvariantReport(report)).toMatch(/^invariants hold/);
    const after = await checkInvariants({ dynamo: local.dynamo, tables: local.tables, uploads: batch.map((u) => ({ ...u, expect: 'archived' as const })) });
    expect(after.uploads).toMatchObject({ total: 3, archived: 3, lost: 0 });
  });

  it('delivers to a receiver that was down for a (scaled) minute, under the same webhook ids', async () => {
    const flaky = await startWebhookReceiver();
    try {
      const names = new Map([['flaky', await subscribe(archive, flaky.url('flaky'), ['*'], ALL_EVENTS)]]);
      await flaky.down();
      const texts = corpusSample(2, 21);
      for (const [i, t] of texts.entries()) uploads.push(await putObject(local.s3, local.bucket, `receiver-down/${i}-${t.name}`, t.bytes));
      // "A minute" on the scaled schedule: down until a delivery has failed its first two attempts.
      const deadline = Date.now() + 60_000;
      for (;;) {
        const res = await fetch(`${archive.apiUrl}/subscriptions/${names.get('flaky')}/deliveries`, { headers: { 'x-api-key': archive.apiKey } });
        const page = (await res.json()) as { items: Array<{ attempts: unknown[] }> };
        if (page.items.some((d) => d.attempts.length >= 2) || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      await flaky.up();
      await settle(archive, local.dynamo, local.tables.webhooks);

      const report = await checkInvariants({
        dynamo: local.dynamo,
        tables: local.tables,
        uploads,
        received: [...receivedBy(receiver, subscriptionByName), ...receivedBy(flaky, names)],
        observedSubscriptions: [...subscriptionByName.values(), ...names.values()],
      });
      expect(formatInvariantReport(report)).toMatch(/^invariants hold/);
      const delivered = flaky.requests('flaky');
      expect(delivered.length).toBeGreaterThan(0);
      // Every message came under one id (a retry after a lost answer repeats the same id, never a new one).
      expect(report.duplicates).toBe(0);
      const res = await fetch(`${archive.apiUrl}/subscriptions/${names.get('flaky')}/deliveries?limit=100`, { headers: { 'x-api-key': archive.apiKey } });
      const items = ((await res.json()) as { items: Array<{ id: string; status: string; attempts: unknown[] }> }).items;
      // All delivered (some after refused attempts), each received under its own id.
      expect(items.map((d) => d.status)).toEqual(items.map(() => 'succeeded'));
      expect(items.some((d) => d.attempts.length >= 2)).toBe(true);
      expect(new Set(delivered.map((r) => r.webhookId))).toEqual(new Set(items.map((d) => d.id)));
      expect(report.deliveries.dead).toBe(0);
    } finally {
      await flaky.close();
    }
  });

  it('ends deliveries to slow, garbage-answering and redirecting receivers dead, each with its reason', async () => {
    const bad = await startWebhookReceiver();
    const target = await startWebhookReceiver();
    try {
      bad.mode('slow', { kind: 'slow', delayMs: 2_500 });
      bad.mode('garbage', { kind: 'garbage' });
      bad.mode('redirect', { kind: 'redirect', status: 307, location: target.url('elsewhere') });
      const names = new Map<string, string>();
      for (const name of ['slow', 'garbage', 'redirect']) names.set(name, await subscribe(archive, bad.url(name), ['*'], ALL_EVENTS));
      const t = corpusSample(1, 37)[0]!;
      uploads.push(await putObject(local.s3, local.bucket, `bad-receivers/${t.name}`, t.bytes));
      await settle(archive, local.dynamo, local.tables.webhooks);

      const report = await checkInvariants({
        dynamo: local.dynamo,
        tables: local.tables,
        uploads,
        received: [...receivedBy(receiver, subscriptionByName), ...receivedBy(bad, names)],
        observedSubscriptions: [...subscriptionByName.values(), ...names.values()],
      });
      expect(formatInvariantReport(report)).toMatch(/^invariants hold/);
      expect(report.deliveries.dead).toBeGreaterThan(0);
      // The redirect was never followed.
      expect(target.received).toEqual([]);
      for (const [name, id] of names) {
        const res = await fetch(`${archive.apiUrl}/subscriptions/${id}/deliveries`, { headers: { 'x-api-key': archive.apiKey } });
        expect(res.status).toBe(200);
        const page = (await res.json()) as { items: Array<{ status: string; attempts: Array<{ error?: string; statusCode?: number }> }> };
        expect(page.items.length).toBeGreaterThan(0);
        for (const d of page.items) {
          expect([name, d.status]).toEqual([name, 'dead']);
          // Five attempts: the first and the four retries of the schedule.
          expect(d.attempts).toHaveLength(5);
          const reasons = d.attempts.map((a) => a.error ?? String(a.statusCode));
          if (name === 'slow') expect(reasons.every((r) => /timeout/i.test(r))).toBe(true);
          // A loaded event loop can turn any answer into a timeout; garbage must still read as a parse error.
          if (name === 'garbage') {
            expect(reasons.every((r) => /parse error|timeout/i.test(r))).toBe(true);
            expect(reasons.some((r) => /parse error/i.test(r))).toBe(true);
          }
          if (name === 'redirect') expect(reasons.every((r) => /redirect/.test(r))).toBe(true);
        }
      }
      // Each delivery's attempts all carried its one webhook id.
      for (const name of names.keys()) {
        const byBody = new Map<string, Set<string>>();
        for (const r of bad.requests(name)) byBody.set(r.body, (byBody.get(r.body) ?? new Set()).add(r.webhookId));
        for (const ids of byBody.values()) expect(ids.size).toBe(1);
      }
    } finally {
      await bad.close();
      await target.close();
    }
  });

  it('still holds every invariant over the whole archive at the end', async () => {
    const report = await invariants();
    expect(report.violations).toEqual([]);
    expect(report.uploads.lost).toBe(0);
  });
});
