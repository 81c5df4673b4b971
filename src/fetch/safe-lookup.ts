// The DNS side of SSRF protection: a `lookup` for node:net that resolves every address of a
// name, refuses the connection when any of them is blocked, and hands node:net only addresses
// it has checked, so that no second resolution can slip a private address in (DNS rebinding).
import dns from 'node:dns';
import type { LookupFunction } from 'node:net';
import { FetchError } from '../errors.ts';
import { isBlockedAddress } from './address.ts';

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/** Returns a node:net lookup function that fails with FetchError 'blocked_address' or 'dns' (messages naming `describe`, e.g. "GET https://…"). */
export function createCheckedLookup(describe: string): LookupFunction {
  const lookup = (hostname: string, options: dns.LookupOptions, callback: LookupCallback): void => {
    dns.lookup(hostname, { all: true, family: options.family ?? 0, hints: options.hints }, (err, addresses) => {
      if (err) {
        const notFound = err.code === 'ENOTFOUND' || err.code === 'ENODATA';
        callback(
          new FetchError(`fetch: ${notFound ? 'host not found' : `DNS lookup failed (${err.code})`}: ${describe}`, {
            code: 'dns',
            cause: err,
          }),
          [],
        );
        return;
      }
      if (addresses.length === 0) {
        callback(new FetchError(`fetch: host has no address: ${describe}`, { code: 'dns' }), []);
        return;
      }
      const blocked = addresses.find((a) => isBlockedAddress(a.address));
      if (blocked) {
        callback(
          new FetchError(`fetch: ${hostname} resolves to blocked address ${blocked.address}: ${describe}`, {
            code: 'blocked_address',
            permanent: true,
          }),
          [],
        );
        return;
      }
      if (options.all) callback(null, addresses);
      else callback(null, addresses[0].address, addresses[0].family);
    });
  };
  return lookup as unknown as LookupFunction;
}
