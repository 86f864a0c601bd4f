/**
 * Which subscription URLs are accepted: http(s) only (https only in AWS), no credentials in the
 * URL, and no host that is or resolves to a forbidden address. This is the early, friendly check
 * at creation; the sender checks the resolved address again at connect time, so a name that
 * later rebinds to a private address is still refused.
 */
import { classifyAddress, isAddressAllowed, isIpLiteral } from './addresses';
import { ValidationError } from './errors';

/** Resolves a host name to its addresses (injected: DNS in the adapters). */
export type ResolveHost = (host: string) => Promise<readonly string[]>;

/** The policy for subscription URLs. */
export interface UrlPolicy {
  readonly requireHttps: boolean;
  readonly allowPrivate: boolean;
  readonly resolveHost?: ResolveHost;
}

/** Validates a subscription URL; throws ValidationError saying why it is refused. Returns the normalised URL. */
export const validateWebhookUrl = async (raw: string, policy: UrlPolicy): Promise<string> => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch (cause) {
    throw new ValidationError(`Not a URL: ${raw}`, { cause });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ValidationError(`URL must be http(s): ${raw}`);
  if (policy.requireHttps && url.protocol !== 'https:') throw new ValidationError(`URL must be https: ${raw}`);
  if (url.username || url.password) throw new ValidationError('URL must not carry credentials');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const refuse = (address: string): never => {
    throw new ValidationError(
      `URL targets a forbidden address (${address}, ${classifyAddress(address)})` +
        (policy.allowPrivate ? '' : '; private targets need DEMARCHE_ALLOW_PRIVATE_WEBHOOKS=1'),
    );
  };
  if (isIpLiteral(host)) {
    if (!isAddressAllowed(host, policy)) refuse(host);
  } else if (policy.resolveHost) {
    let addresses: readonly string[] = [];
    try {
      addresses = await policy.resolveHost(host);
    } catch {
      // A name that does not resolve yet is accepted; the sender checks at every connect.
    }
    const bad = addresses.find((a) => !isAddressAllowed(a, policy));
    if (bad !== undefined) refuse(bad);
  }
  return url.toString();
};
