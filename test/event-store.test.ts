import { fixedClock } from '../lambdas/core/clock';
import { ConcurrencyError, InMemoryEventStore, alreadyStored } from '../lambdas/core/event-store';
import { describeEventStoreContract, freshStream, statementEvents } from './support/event-store-contract';

const clock = fixedClock(Date.UTC(2026, 10, 1));
const store = new InMemoryEventStore({ clock });
describeEventStoreContract('InMemoryEventStore', () => ({ store, clock }));

describe('alreadyStored', () => {
  it('counts the stored prefix of an append and rejects a stored event with another id', () => {
    const stream = freshStream();
    const events = statementEvents(stream, 1, 3);
    expect(alreadyStored(stream, 0, events, [])).toBe(0);
    expect(alreadyStored(stream, 0, events, events.slice(0, 2))).toBe(2);
    expect(alreadyStored(stream, 0, events.slice(0, 1), events)).toBe(1);
    const other = statementEvents(stream, 1, 1, Date.UTC(2020, 0, 1));
    expect(() => alreadyStored(stream, 0, events, other)).toThrow(ConcurrencyError);
  });
});

describe('InMemoryEventStore', () => {
  it('hands out copies, so callers cannot change stored events', async () => {
    const s = new InMemoryEventStore();
    const stream = freshStream();
    await s.append(stream, 0, statementEvents(stream, 1, 1));
    const [event] = await s.read(stream);
    (event!.data as { text: string }).text = 'changed';
    expect((await s.read(stream))[0]!.data).toMatchObject({ text: 'We discussed 1.' });
  });
});
