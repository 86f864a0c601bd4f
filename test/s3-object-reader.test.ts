import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { amzDate, encodeKey, signatureV4 } from '../lambdas/adapters/s3-object-reader';

// AWS's documented example of a signed GET Object request (Signature Version 4, header-based auth).
const EXAMPLE_CREDENTIALS = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

const bytesOf = (data: string | ArrayBuffer | ArrayBufferView): string | Uint8Array =>
  typeof data === 'string' ? data : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : new Uint8Array(data);

/** node:crypto behind the SDK's Checksum interface, for the reference signer. */
class NodeSha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytesOf(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(bytesOf(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {}
}

describe('signatureV4', () => {
  it("reproduces AWS's documented GET Object example", () => {
    const authorization = signatureV4(
      {
        method: 'GET',
        path: '/test.txt',
        headers: { host: 'examplebucket.s3.amazonaws.com', range: 'bytes=0-9', 'x-amz-content-sha256': EMPTY_SHA256, 'x-amz-date': '20130524T000000Z' },
        payloadHash: EMPTY_SHA256,
      },
      { region: 'us-east-1', service: 's3', date: new Date('2013-05-24T00:00:00Z') },
      EXAMPLE_CREDENTIALS,
    );
    expect(authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, ' +
        'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, ' +
        'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });

  it("signs an encoded key with a session token as the SDK's S3 signer does", async () => {
    const date = new Date('2026-11-27T21:04:05.678Z');
    const credentials = { ...EXAMPLE_CREDENTIALS, sessionToken: 'token/with+chars=' };
    const path = `/transcripts/${encodeKey("uploads/2026 été/Q&A (draft)'s*.txt")}`;
    const headers = { host: 'localhost:4569', 'x-amz-content-sha256': EMPTY_SHA256, 'x-amz-date': amzDate(date), 'x-amz-security-token': credentials.sessionToken };
    const reference = new SignatureV4({ credentials, region: 'eu-west-3', service: 's3', sha256: NodeSha256, uriEscapePath: false, applyChecksum: false });
    const signed = await reference.sign(
      { method: 'GET', protocol: 'http:', hostname: 'localhost', port: 4569, path, query: {}, headers: { ...headers } },
      { signingDate: date },
    );
    const ours = signatureV4({ method: 'GET', path, headers, payloadHash: EMPTY_SHA256 }, { region: 'eu-west-3', service: 's3', date }, credentials);
    expect(ours).toBe(signed.headers.authorization);
  });
});

describe('encodeKey', () => {
  it('percent-encodes all but unreserved characters and slashes', () => {
    expect(encodeKey("a b/c+d/é/(x)!*'~._-")).toBe('a%20b/c%2Bd/%C3%A9/%28x%29%21%2A%27~._-');
  });
});

describe('amzDate', () => {
  it('formats a time as x-amz-date', () => {
    expect(amzDate(new Date('2013-05-24T00:00:00.123Z'))).toBe('20130524T000000Z');
  });
});
