import type { SQSEvent } from 'aws-lambda';
import { decodeNotificationKey, MalformedNotificationError, objectsCreatedIn } from '../lambdas/adapters/s3-notification';
import { decodeHeaderValue, uploadMetadataOf } from '../lambdas/ingest/handler';
import { loadFixture } from './support/fixtures';

describe('objectsCreatedIn', () => {
  it('reads the created object of an S3 notification delivered through SQS, decoding its key', () => {
    const event = loadFixture<SQSEvent>('aws/sqs-s3-object-created.json');
    expect(objectsCreatedIn(event.Records[0]!.body)).toEqual([
      {
        bucket: 'demarche-transcripts',
        key: 'uploads/press briefing: march 4, 2022.txt',
        etag: 'd41d8cd98f00b204e9800998ecf8427e',
        eventTime: '2026-11-27T15:04:05.123Z',
      },
    ]);
  });

  it('finds nothing to do in the s3:TestEvent S3 sends when a notification is configured', () => {
    const event = loadFixture<SQSEvent>('aws/sqs-s3-test-event.json');
    expect(objectsCreatedIn(event.Records[0]!.body)).toEqual([]);
  });

  it('ignores records that are not ObjectCreated and refuses bodies that are not notifications', () => {
    const body = JSON.stringify({
      Records: [{ eventName: 'ObjectRemoved:Delete', eventTime: '2026-11-27T00:00:00Z', s3: { bucket: { name: 'b' }, object: { key: 'k' } } }],
    });
    expect(objectsCreatedIn(body)).toEqual([]);
    expect(() => objectsCreatedIn('not json')).toThrow(MalformedNotificationError);
    expect(() => objectsCreatedIn(JSON.stringify({ hello: 'world' }))).toThrow(MalformedNotificationError);
  });
});

describe('decodeNotificationKey', () => {
  it('turns + into spaces and decodes percent escapes, keeping a literal plus encoded as %2B', () => {
    expect(decodeNotificationKey('a+b%2Bc/%C3%A9t%C3%A9.txt')).toBe('a b+c/été.txt');
    expect(() => decodeNotificationKey('broken%E9.txt')).toThrow(MalformedNotificationError);
  });
});

describe('uploadMetadataOf', () => {
  it('keeps title, date, url and speaker, trimmed, decoding RFC 2047 words', () => {
    expect(
      uploadMetadataOf({
        title: '=?UTF-8?B?UmVtYXJrcyBpbiBBc3RhbmEg4oCUIGRheSAy?=',
        date: ' 2026-11-27 ',
        url: 'https://example.org/r',
        speaker: '',
        other: 'ignored',
      }),
    ).toEqual({ title: 'Remarks in Astana — day 2', date: '2026-11-27', url: 'https://example.org/r' });
    expect(uploadMetadataOf(undefined)).toEqual({});
  });
});

describe('decodeHeaderValue', () => {
  it('decodes Q-encoded words and leaves plain text alone', () => {
    expect(decodeHeaderValue('=?utf-8?Q?Caf=C3=A9_talks?=')).toBe('Café talks');
    expect(decodeHeaderValue('Plain title')).toBe('Plain title');
  });
});
