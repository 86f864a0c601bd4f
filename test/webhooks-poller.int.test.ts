/**
 * The local stream poller as the notifier's mapping uses it: several batches of one shard in flight
 * at once (Lambda's ParallelizationFactor), each transcript's records in order, and the checkpoint
 * never past a record whose batch is not done.
 */
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { startStreamPoller } from '../local/stream-poller';
import { useLocalArchive } from './support/local-archive';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('stream poller with parallel batches', () => {
  const archive = useLocalArchive();

  it('handles batches of different transcripts at once, keeps each transcript in order, and checkpoints only past finished batches', async () => {
    const keys = ['a', 'b', 'c', 'd'];
    const done: { key: string; sk: number; seq: bigint }[] = [];
    const attempts = new Map<string, number>();
    let inFlight = 0;
    let maxInFlight = 0;
    const checkpointProblems: string[] = [];
    const saved: bigint[] = [];
    const seen: bigint[] = [];
    const poller = await startStreamPoller({
      dynamo: archive.dynamo,
      tableName: archive.tables.events,
      intervalMs: 20,
      batchSize: 2,
      parallelization: 3,
      checkpoints: {
        load: async () => ({}),
        save: async (checkpoints) => {
          for (const value of Object.values(checkpoints)) {
            const at = BigInt(value);
            saved.push(at);
            // Everything up to the checkpoint must be handled: only later records may be pending.
            const unhandled = seen.filter((s) => s <= at && !done.some((d) => d.seq === s));
            if (unhandled.length) checkpointProblems.push(`checkpoint ${at} with ${unhandled.length} record(s) before it unhandled`);
          }
        },
      },
      onBatch: async (event) => {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        try {
          for (const r of event.Records) {
            const key = (r.dynamodb?.Keys?.pk?.S ?? '').replace('transcript/', '');
            const sk = Number(r.dynamodb?.Keys?.sk?.N);
            const seq = BigInt(r.dynamodb?.SequenceNumber ?? '0');
            if (!seen.includes(seq)) seen.push(seq);
            const n = (attempts.get(`${key}${sk}`) ?? 0) + 1;
            attempts.set(`${key}${sk}`, n);
            await sleep(key === 'a' ? 250 : 30); // a's batches are slow: the others overtake them
            if (key === 'b' && sk === 2 && n === 1) return { batchItemFailures: [{ itemIdentifier: r.dynamodb?.SequenceNumber ?? '' }] };
            done.push({ key, sk, seq });
          }
          return { batchItemFailures: [] };
        } finally {
          inFlight--;
        }
      },
    });
    try {
      for (const sk of [1, 2, 3]) {
        for (const key of keys) {
          await archive.dynamo.send(new PutItemCommand({ TableName: archive.tables.events, Item: { pk: { S: `transcript/${key}` }, sk: { N: String(sk) } } }));
        }
      }
      const deadline = Date.now() + 20_000;
      while (done.length < 12 && Date.now() < deadline) await sleep(50);
      await poller.drain();
    } finally {
      await poller.stop();
    }

    expect(done).toHaveLength(12); // each record handled once
    for (const key of keys) expect(done.filter((d) => d.key === key).map((d) => d.sk)).toEqual([1, 2, 3]);
    expect(attempts.get('b2')).toBe(2); // the failed record came again
    expect(maxInFlight).toBeGreaterThan(1);
    expect(maxInFlight).toBeLessThanOrEqual(3);
    expect(checkpointProblems).toEqual([]);
    const last = done.reduce((m, d) => (d.seq > m ? d.seq : m), 0n);
    expect(saved.at(-1)).toBe(last);
    // Slow transcript a was overtaken: something written after a1 was done before a1.
    const order = done.map((d) => d.seq);
    expect(order).not.toEqual([...order].sort((x, y) => (x < y ? -1 : 1)));
  });
});
