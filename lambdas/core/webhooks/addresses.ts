/**
 * Classification of IP addresses for the SSRF guard. Deliveries go only to public addresses,
 * unless private targets are allowed for local testing; cloud-metadata, unspecified, multicast and
 * reserved addresses are never allowed. IPv4 addresses embedded in IPv6 (mapped, compatible,
 * NAT64, 6to4) are judged by the IPv4 address they carry.
 */
import { isIPv4, isIPv6 } from 'node:net';

/** What kind of address an IP is. */
export type AddressClass =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'cgnat'
  | 'unique-local'
  | 'metadata'
  | 'unspecified'
  | 'multicast'
  | 'reserved'
  | 'invalid';

/** Classes allowed only when private targets are (DEMARCHE_ALLOW_PRIVATE_WEBHOOKS=1). */
export const PRIVATE_CLASSES: ReadonlySet<AddressClass> = new Set(['loopback', 'private', 'link-local', 'cgnat', 'unique-local']);

const v4Bytes = (ip: string): number[] => ip.split('.').map(Number);

const classifyV4 = (b: readonly number[]): AddressClass => {
  const [a = 0, b1 = 0, c = 0, d = 0] = b;
  if (a === 169 && b1 === 254 && c === 169 && d === 254) return 'metadata';
  if (a === 0) return 'unspecified';
  if (a === 127) return 'loopback';
  if (a === 10 || (a === 172 && b1 >= 16 && b1 <= 31) || (a === 192 && b1 === 168)) return 'private';
  if (a === 169 && b1 === 254) return 'link-local';
  if (a === 100 && b1 >= 64 && b1 <= 127) return 'cgnat';
  if (a >= 224 && a <= 239) return 'multicast';
  if (a >= 240) return 'reserved';
  return 'public';
};

/** The 16 bytes of an IPv6 address (handles `::` and a dotted IPv4 tail). */
const v6Bytes = (ip: string): number[] => {
  let text = ip.split('%')[0]!;
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    tail = v4Bytes(text.slice(lastColon + 1));
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const [head = '', rest] = text.split('::') as [string, string | undefined];
  const parse = (part: string): number[] => (part === '' ? [] : part.split(':').map((h) => parseInt(h, 16)));
  const left = parse(head);
  const right = rest === undefined ? [] : parse(rest);
  const groups = rest === undefined ? left : [...left, ...Array(8 - left.length - right.length).fill(0), ...right];
  const bytes = groups.flatMap((g) => [(g >> 8) & 0xff, g & 0xff]);
  if (tail.length === 4) bytes.splice(12, 4, ...tail);
  return bytes;
};

const classifyV6 = (b: readonly number[]): AddressClass => {
  const zero = (from: number, to: number): boolean => b.slice(from, to).every((x) => x === 0);
  if (zero(0, 16)) return 'unspecified';
  if (zero(0, 15) && b[15] === 1) return 'loopback';
  // fd00:ec2::254, the AWS metadata service over IPv6.
  if (b[0] === 0xfd && b[1] === 0 && b[2] === 0x0e && b[3] === 0xc2 && zero(4, 14) && b[14] === 0x02 && b[15] === 0x54) {
    return 'metadata';
  }
  if (zero(0, 10) && b[10] === 0xff && b[11] === 0xff) return classifyV4(b.slice(12)); // ::ffff:a.b.c.d
  if (zero(0, 12)) return classifyV4(b.slice(12)); // ::a.b.c.d (deprecated "compatible")
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zero(4, 12)) return classifyV4(b.slice(12)); // NAT64
  if (b[0] === 0x20 && b[1] === 0x02) return classifyV4(b.slice(2, 6)); // 6to4
  if (b[0] === 0xfe && (b[1]! & 0xc0) === 0x80) return 'link-local';
  if ((b[0]! & 0xfe) === 0xfc) return 'unique-local';
  if (b[0] === 0xff) return 'multicast';
  return 'public';
};

/** Classifies an IP address (brackets and zone ids tolerated). */
export const classifyAddress = (address: string): AddressClass => {
  const ip = address.replace(/^\[|\]$/g, '');
  if (isIPv4(ip)) return classifyV4(v4Bytes(ip));
  if (isIPv6(ip)) return classifyV6(v6Bytes(ip));
  return 'invalid';
};

/** Whether a delivery may connect to this address. */
export const isAddressAllowed = (address: string, options: { allowPrivate: boolean }): boolean => {
  const kind = classifyAddress(address);
  return kind === 'public' || (options.allowPrivate && PRIVATE_CLASSES.has(kind));
};

/** Whether a host is an IP literal (not a name to resolve). */
export const isIpLiteral = (host: string): boolean => {
  const ip = host.replace(/^\[|\]$/g, '');
  return isIPv4(ip) || isIPv6(ip);
};
