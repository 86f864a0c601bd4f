import { readFileSync } from 'node:fs';
import path from 'node:path';
import { archiveTranscript, type UploadedObject } from '../lambdas/core/archive-transcript';
import { fixedClock } from '../lambdas/core/clock';
import type { StoredEvent } from '../lambdas/core/events';
import { transcriptStream } from '../lambdas/core/events';
import { ConcurrencyError, type EventStore, InMemoryEventStore } from '../lambdas/core/event-store';
import { sha256Hex, transcriptIdFor } from '../lambdas/core/ids';

const SEED = readFileSync(path.resolve(__dirname, '../../shared/fixtures/seed/kazakhstan-visit-remarks.txt'));
const T0 = Date.UTC(2026, 10, 27, 9);
const clock = fixedClock(T0);

const upload = (overrides: Partial<UploadedObject> = {}): UploadedObject => ({
  bucket: 'transcripts',
  key: 'remarks/kazakhstan.txt',
  etag: '"e1"',
  bytes: SEED,
  metadata: { title: 'Remarks in Astana', speaker: 'Secretary' },
  receivedAtMs: T0,
  ...overrides,
});
const streamOf = (o: UploadedObject) => transcriptStream(transcriptIdFor(o.bucket, o.key));
const types = (events: readonly StoredEvent[]) => events.map((e) => e.type);

describe('archiveTranscript', () => {
  it('archives a new upload as revision 1 starting with TranscriptReceived that carries source, sha256 and metadata', async () => {
    const store = new InMemoryEventStore({ clock });
    const result = await archiveTranscript(upload(), { store, clock });
    const events = await store.read(streamOf(upload()));
    expect(result).toMatchObject({ outcome: 'archived', transcriptId: transcriptIdFor('transcripts', 'remarks/kazakhstan.txt'), revision: 1 });
    expect(result.written).toBe(events.length);
    expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i + 1));
    expect(events[0]).toMatchObject({
      type: 'TranscriptReceived',
      data: {
        revision: 1,
        source: { bucket: 'transcripts', key: 'remarks/kazakhstan.txt', etag: '"e1"' },
        sha256: sha256Hex(SEED),
        bytes: SEED.length,
        metadata: { title: 'Remarks in Astana', speaker: 'Secretary' },
      },
    });
    expect(types(events)).toContain('TranscriptParsed');
    expect(types(events)).not.toContain('TranscriptRejected');
  });

  it('appends nothing for the same bytes again, whether the same notification or a later upload', async () => {
    const store = new InMemoryEventStore({ clock });
    await archiveTranscript(upload(), { store, clock });
    const before = await store.read(streamOf(upload()));
    const again = await archiveTranscript(upload(), { store, clock });
    const reuploaded = await archiveTranscript(upload({ receivedAtMs: T0 + 60_000, etag: '"e1"', versionId: 'v2' }), { store, clock });
    expect(again).toMatchObject({ outcome: 'unchanged', revision: 1, written: 0, events: before.length, parseMs: 0 });
    expect(reuploaded).toMatchObject({ outcome: 'unchanged', revision: 1, written: 0 });
    expect(await store.read(streamOf(upload()))).toEqual(before);
  });

  it('appends revision 2 after revision 1 when the bytes under the key change', async () => {
    const store = new InMemoryEventStore({ clock });
    await archiveTranscript(upload(), { store, clock });
    const first = await store.read(streamOf(upload()));
    const changed = Buffer.concat([SEED, Buffer.from('\n\nQUESTION: One more question on trade?\n\nSECRETARY: We will work on it.\n')]);
    const result = await archiveTranscript(upload({ bytes: changed, etag: '"e2"', receivedAtMs: T0 + 3_600_000 }), { store, clock });
    const all = await store.read(streamOf(upload()));
    expect(result).toMatchObject({ outcome: 'archived', revision: 2 });
    expect(all.slice(0, first.length)).toEqual(first);
    expect(all[first.length]).toMatchObject({ type: 'TranscriptReceived', version: first.length + 1, data: { revision: 2, sha256: sha256Hex(changed) } });
    expect(all.slice(first.length).every((e) => (e.data as { revision: number }).revision === 2)).toBe(true);
  });

  it('stores one set of events when the same notification is handled three times at once', async () => {
    const store = new InMemoryEventStore({ clock });
    const results = await Promise.all([1, 2, 3].map(() => archiveTranscript(upload(), { store, clock })));
    const events = await store.read(streamOf(upload()));
    expect(results.filter((r) => r.outcome === 'archived')).toHaveLength(1);
    expect(results.filter((r) => r.outcome === 'unchanged')).toHaveLength(2);
    expect(types(events).filter((t) => t === 'TranscriptReceived')).toHaveLength(1);
  });

  it('records TranscriptReceived and TranscriptRejected for bad input, and archives the next good upload normally', async () => {
    const store = new InMemoryEventStore({ clock });
    const bad = await archiveTranscript(upload({ bytes: new Uint8Array() }), { store, clock });
    expect(bad).toMatchObject({ outcome: 'rejected', revision: 1, written: 2 });
    const rejected = await store.read(streamOf(upload()));
    expect(types(rejected)).toEqual(['TranscriptReceived', 'TranscriptRejected']);
    expect(rejected[1]!.data).toMatchObject({ reason: 'empty', source: { key: 'remarks/kazakhstan.txt' } });
    expect(await archiveTranscript(upload({ bytes: new Uint8Array() }), { store, clock })).toMatchObject({ outcome: 'unchanged' });
    const good = await archiveTranscript(upload({ receivedAtMs: T0 + 1000 }), { store, clock });
    expect(good).toMatchObject({ outcome: 'archived', revision: 2 });
    expect((await store.read(streamOf(upload()))).slice(0, 2)).toEqual(rejected);
  });

  it('rejects an upload over the size limit as too-large', async () => {
    const store = new InMemoryEventStore({ clock });
    await archiveTranscript(upload(), { store, clock, maxBytes: 100 });
    const events = await store.read(streamOf(upload()));
    expect(events[1]).toMatchObject({ type: 'TranscriptRejected', data: { reason: 'too-large' } });
  });

  it('re-reads and decides again when another upload wins the race, appending after it', async () => {
    const inner = new InMemoryEventStore({ clock });
    let raced = false;
    const racing: EventStore = {
      read: (s, v) => inner.read(s, v),
      head: (s) => inner.head(s),
      readAllSince: (s, o) => inner.readAllSince(s, o),
      append: async (s, v, e) => {
        if (!raced) {
          raced = true; // another Lambda archives other bytes under the same key just before us
          await archiveTranscript(upload({ bytes: new Uint8Array([1]), receivedAtMs: T0 - 5 }), { store: inner, clock });
        }
        return inner.append(s, v, e);
      },
    };
    const result = await archiveTranscript(upload(), { store: racing, clock });
    const events = await inner.read(streamOf(upload()));
    expect(result).toMatchObject({ outcome: 'archived', revision: 2 });
    expect(types(events).slice(0, 2)).toEqual(['TranscriptReceived', 'TranscriptRejected']);
    expect(events[2]).toMatchObject({ type: 'TranscriptReceived', version: 3, data: { revision: 2 } });
  });

  it('gives up with the ConcurrencyError when conflicts do not stop', async () => {
    const inner = new InMemoryEventStore({ clock });
    const hopeless: EventStore = {
      read: (s, v) => inner.read(s, v),
      head: (s) => inner.head(s),
      readAllSince: (s, o) => inner.readAllSince(s, o),
      append: async (s, v) => {
        throw new ConcurrencyError(s, v, v + 1);
      },
    };
    await expect(archiveTranscript(upload(), { store: hopeless, clock, maxAttempts: 3 })).rejects.toBeInstanceOf(ConcurrencyError);
  });

  it('completes a revision whose append was interrupted, from what the first attempt recorded', async () => {
    const inner = new InMemoryEventStore({ clock });
    let pendingEnd = 0;
    let crash = true;
    const interrupting: EventStore = {
      read: (s, v) => inner.read(s, v),
      readAllSince: (s, o) => inner.readAllSince(s, o),
      head: async (s) => {
        const head = await inner.head(s);
        return { ...head, complete: head.version >= pendingEnd };
      },
      append: async (s, v, e) => {
        if (crash) {
          crash = false;
          pendingEnd = v + e.length;
          await inner.append(s, v, e.slice(0, 3)); // the Lambda dies after 3 events
          throw new Error('timed out');
        }
        return inner.append(s, v, e);
      },
    };
    await expect(archiveTranscript(upload(), { store: interrupting, clock })).rejects.toThrow('timed out');
    // The redelivery carries a later time and another etag: the stored revision's own inputs win.
    const retry = await archiveTranscript(upload({ receivedAtMs: T0 + 90_000 }), { store: interrupting, clock });
    const reference = new InMemoryEventStore({ clock });
    await archiveTranscript(upload(), { store: reference, clock });
    const expected = await reference.read(streamOf(upload()));
    const events = await inner.read(streamOf(upload()));
    expect(retry).toMatchObject({ outcome: 'archived', revision: 1, written: expected.length - 3 });
    expect(events.map((e) => e.eventId)).toEqual(expected.map((e) => e.eventId));
  });
});
