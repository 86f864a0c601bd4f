import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { S3RequestError, s3ObjectReader } from '../lambdas/adapters/s3-object-reader';
import { useLocalArchive } from './support/local-archive';

const archive = useLocalArchive();

describe('s3ObjectReader', () => {
  it('reads an object, its ETag, LastModified and user metadata as the S3 client does', async () => {
    const key = "uploads/2026 été/Q&A (draft)+'s*~.txt";
    const body = Buffer.from('Remarks — «with» non-ASCII text\n'.repeat(2000), 'utf8');
    const metadata = { title: '=?UTF-8?B?w4l0w6k=?=', speaker: 'Spokesperson' };
    await archive.s3.send(new PutObjectCommand({ Bucket: archive.bucket, Key: key, Body: body, Metadata: metadata }));
    const expected = await archive.s3.send(new GetObjectCommand({ Bucket: archive.bucket, Key: key }));

    // The environment useLocalArchive set (endpoint, path style, region, credentials), as handlers see it.
    const object = await s3ObjectReader().getObject(archive.bucket, key);

    expect(Buffer.from(object!.bytes).equals(body)).toBe(true);
    expect(object!.etag).toBe(expected.ETag);
    expect(object!.lastModified).toEqual(expected.LastModified);
    expect(object!.metadata).toEqual(expected.Metadata);
    expect(object!.metadata).toEqual(metadata);
  });

  it('answers undefined for a key that does not exist', async () => {
    await expect(s3ObjectReader().getObject(archive.bucket, 'uploads/never-uploaded.txt')).resolves.toBeUndefined();
  });

  it('throws S3RequestError with S3’s code for a bucket that does not exist', async () => {
    const error = await s3ObjectReader().getObject(`${archive.bucket}-missing`, 'k.txt').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(S3RequestError);
    expect(error).toMatchObject({ code: 'NoSuchBucket', status: 404, retryable: false });
  });

  // s3rver checks the access key of a SigV4 request but not its signature: test/s3-object-reader.test.ts
  // checks the signature against AWS's documented example and the SDK's own signer.
  it('signs with the credentials it is given (an unknown access key is refused)', async () => {
    const stranger = s3ObjectReader({ credentials: async () => ({ accessKeyId: 'AKIDUNKNOWN', secretAccessKey: 'secret' }) });
    await expect(stranger.getObject(archive.bucket, 'uploads/never-uploaded.txt')).rejects.toMatchObject({ code: 'InvalidAccessKeyId', status: 403 });
  });

  it('gives up on an unreachable endpoint after its attempts with a retryable error', async () => {
    const unreachable = s3ObjectReader({ endpoint: 'http://127.0.0.1:9', maxAttempts: 2 });
    await expect(unreachable.getObject(archive.bucket, 'k.txt')).rejects.toMatchObject({ name: 'S3RequestError', code: 'ECONNREFUSED', retryable: true });
  });
});
