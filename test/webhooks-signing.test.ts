import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { classifyAddress, isAddressAllowed } from '../lambdas/core/webhooks/addresses';
import { generateSecret, isSecret } from '../lambdas/core/webhooks/secrets';
import {
  nextAttemptAt,
  parseRetrySchedule,
  PRODUCTION_RETRY_SCHEDULE_MS,
  retryScheduleFrom,
  withJitter,
} from '../lambdas/core/webhooks/schedule';
import { activeSecrets, rotateSecrets, ROTATION_OVERLAP_MS, webhookHeaders } from '../lambdas/core/webhooks/signing';
import { subscriptionWants, createSubscriptionSchema } from '../lambdas/core/webhooks/subscription';
import { validateWebhookUrl } from '../lambdas/core/webhooks/url-policy';
import { ValidationError } from '../lambdas/core/webhooks/errors';
import { createLimiter } from '../lambdas/core/webhooks/limiter';

const random = (n: number): Uint8Array => new Uint8Array(randomBytes(n));

describe('generateSecret', () => {
  it('makes whsec_ secrets of 32 random bytes that standardwebhooks accepts', () => {
    const secret = generateSecret(random);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(isSecret(secret)).toBe(true);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(() => new Webhook(secret)).not.toThrow();
  });

  it('uses the injected random source', () => {
    const fixed = (n: number): Uint8Array => new Uint8Array(n).fill(7);
    expect(generateSecret(fixed)).toBe(generateSecret(fixed));
    expect(generateSecret(fixed)).not.toBe(generateSecret(random));
  });
});

describe('webhookHeaders', () => {
  const body = JSON.stringify({ type: 'topic.detected', timestamp: '2026-11-27T15:00:00.000Z', data: { topic: 'sanctions' } });

  it('signs so that the standardwebhooks package verifies', () => {
    const secret = generateSecret(random);
    const ts = Math.floor(Date.now() / 1000);
    const headers = webhookHeaders([secret], 'msg_abc', ts, body);
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('is refused by standardwebhooks when the body or id is changed', () => {
    const secret = generateSecret(random);
    const headers = webhookHeaders([secret], 'msg_abc', Math.floor(Date.now() / 1000), body);
    expect(() => new Webhook(secret).verify(body.replace('sanctions', 'energy'), headers)).toThrow();
    expect(() => new Webhook(secret).verify(body, { ...headers, 'webhook-id': 'msg_other' })).toThrow();
    expect(() => new Webhook(generateSecret(random)).verify(body, headers)).toThrow();
  });

  it('signs with old and new secret during the rotation overlap, then only with the new one', () => {
    const t0 = Date.parse('2026-11-27T12:00:00Z');
    const oldSecret = generateSecret(random);
    const newSecret = generateSecret(random);
    const rotated = rotateSecrets([{ secret: oldSecret, createdAt: new Date(t0 - 1000).toISOString() }], newSecret, t0);

    const during = activeSecrets(rotated, t0 + ROTATION_OVERLAP_MS - 1);
    expect(during).toEqual([newSecret, oldSecret]);
    const ts = Math.floor(Date.now() / 1000);
    const headers = webhookHeaders(during, 'msg_rot', ts, body);
    expect(headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(() => new Webhook(oldSecret).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(newSecret).verify(body, headers)).not.toThrow();

    const after = activeSecrets(rotated, t0 + ROTATION_OVERLAP_MS + 1);
    expect(after).toEqual([newSecret]);
    const later = webhookHeaders(after, 'msg_rot', ts, body);
    expect(() => new Webhook(oldSecret).verify(body, later)).toThrow();
  });
});

describe('retry schedule', () => {
  it('is 0s, 5s, 5min, 30min, 2h, 5h, 10h, 10h in production', () => {
    expect(PRODUCTION_RETRY_SCHEDULE_MS).toEqual([0, 5e3, 3e5, 18e5, 72e5, 18e6, 36e6, 36e6]);
    expect(retryScheduleFrom(undefined)).toBe(PRODUCTION_RETRY_SCHEDULE_MS);
  });

  it('parses DEMARCHE_RETRY_SCHEDULE with an implied immediate first attempt and ms units', () => {
    expect(parseRetrySchedule('1s,2s,5s')).toEqual([0, 1000, 2000, 5000]);
    expect(parseRetrySchedule('0s, 100ms, 2m')).toEqual([0, 100, 120000]);
    expect(retryScheduleFrom('250ms')).toEqual([0, 250]);
    expect(() => parseRetrySchedule('soon')).toThrow(RangeError);
  });

  it('jitters each delay by at most ±20%', () => {
    expect(withJitter(10_000, () => 0)).toBe(8_000);
    expect(withJitter(10_000, () => 0.5)).toBe(10_000);
    expect(withJitter(10_000, () => 0.999999)).toBe(12_000);
    for (let i = 0; i < 200; i++) {
      const d = withJitter(300_000, Math.random);
      expect(d).toBeGreaterThanOrEqual(240_000);
      expect(d).toBeLessThanOrEqual(360_000);
    }
  });

  it('schedules the next attempt from the attempts made and gives up after the last', () => {
    const schedule = PRODUCTION_RETRY_SCHEDULE_MS;
    expect(nextAttemptAt(schedule, 1, 1_000, () => 0.5)).toBe(6_000);
    expect(nextAttemptAt(schedule, 2, 0, () => 0.5)).toBe(300_000);
    expect(nextAttemptAt(schedule, 7, 0, () => 0.5)).toBe(36e6);
    expect(nextAttemptAt(schedule, 8, 0, () => 0.5)).toBeUndefined();
  });
});

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.10.1', 'link-local'],
    ['169.254.169.254', 'metadata'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.254', 'cgnat'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['fd00:ec2::254', 'metadata'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'metadata'],
    ['::ffff:10.1.2.3', 'private'],
    ['64:ff9b::a00:1', 'private'],
    ['2002:7f00:1::', 'loopback'],
    ['8.8.8.8', 'public'],
    ['172.32.0.1', 'public'],
    ['100.128.0.1', 'public'],
    ['2606:4700::1111', 'public'],
    ['example.com', 'invalid'],
  ])('classifies %s as %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it('allows private targets only when asked, and cloud metadata never', () => {
    expect(isAddressAllowed('8.8.8.8', { allowPrivate: false })).toBe(true);
    expect(isAddressAllowed('127.0.0.1', { allowPrivate: false })).toBe(false);
    expect(isAddressAllowed('127.0.0.1', { allowPrivate: true })).toBe(true);
    expect(isAddressAllowed('fc00::1', { allowPrivate: true })).toBe(true);
    expect(isAddressAllowed('169.254.169.254', { allowPrivate: true })).toBe(false);
    expect(isAddressAllowed('fd00:ec2::254', { allowPrivate: true })).toBe(false);
    expect(isAddressAllowed('::ffff:169.254.169.254', { allowPrivate: true })).toBe(false);
    expect(isAddressAllowed('0.0.0.0', { allowPrivate: true })).toBe(false);
  });
});

describe('validateWebhookUrl', () => {
  const strict = { requireHttps: false, allowPrivate: false, resolveHost: async (h: string) => (h === 'localhost' ? ['127.0.0.1'] : ['93.184.216.34']) };

  it.each(['http://127.0.0.1:8080/hook', 'http://10.0.0.1/', 'http://[::1]:9000/', 'http://169.254.169.254/latest', 'http://localhost:3000/', 'http://2130706433/'])(
    'refuses %s when private targets are off',
    async (url) => {
      await expect(validateWebhookUrl(url, strict)).rejects.toBeInstanceOf(ValidationError);
    },
  );

  it('accepts loopback with private targets on, but never the metadata address', async () => {
    await expect(validateWebhookUrl('http://127.0.0.1:8080/hook', { ...strict, allowPrivate: true })).resolves.toBe('http://127.0.0.1:8080/hook');
    await expect(validateWebhookUrl('http://169.254.169.254/', { ...strict, allowPrivate: true })).rejects.toBeInstanceOf(ValidationError);
  });

  it('requires https when told to, and refuses other schemes and credentials', async () => {
    await expect(validateWebhookUrl('http://example.com/', { ...strict, requireHttps: true })).rejects.toThrow(/https/);
    await expect(validateWebhookUrl('https://example.com/', { ...strict, requireHttps: true })).resolves.toBe('https://example.com/');
    await expect(validateWebhookUrl('ftp://example.com/', strict)).rejects.toThrow(/http/);
    await expect(validateWebhookUrl('https://u:p@example.com/', strict)).rejects.toThrow(/credentials/);
  });
});

describe('subscription matching', () => {
  const body = (x: object) => createSubscriptionSchema.parse({ url: 'https://example.com', ...x });

  it('matches listed topics and the wildcard, for the types asked (topic.detected by default)', () => {
    const one = { topics: body({ topics: ['sanctions'] }).topics, events: ['topic.detected' as const] };
    expect(subscriptionWants(one, { type: 'topic.detected', topic: 'sanctions' })).toBe(true);
    expect(subscriptionWants(one, { type: 'topic.detected', topic: 'energy' })).toBe(false);
    expect(subscriptionWants(one, { type: 'topic.first_seen', topic: 'sanctions' })).toBe(false);
    expect(subscriptionWants(one, { type: 'transcript.rejected' })).toBe(false);
    const all = { topics: body({ topics: ['energy', '*'] }).topics, events: ['topic.detected' as const, 'transcript.rejected' as const] };
    expect(all.topics).toEqual(['*']);
    expect(subscriptionWants(all, { type: 'topic.detected', topic: 'energy' })).toBe(true);
    expect(subscriptionWants(all, { type: 'transcript.rejected' })).toBe(true);
  });

  it('rejects unknown topics and event types', () => {
    expect(createSubscriptionSchema.safeParse({ url: 'https://x', topics: ['weather'] }).success).toBe(false);
    expect(createSubscriptionSchema.safeParse({ url: 'https://x', topics: [] }).success).toBe(false);
    expect(createSubscriptionSchema.safeParse({ url: 'https://x', topics: ['energy'], events: ['topic.updated'] }).success).toBe(false);
  });
});

describe('createLimiter', () => {
  it('never runs more than the limit at once', async () => {
    const limiter = createLimiter(3);
    let active = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 30 }, () =>
        limiter.run(async () => {
          active++;
          peak = Math.max(peak, active);
          await new Promise((r) => setTimeout(r, 1));
          active--;
        }),
      ),
    );
    expect(peak).toBe(3);
  });
});
