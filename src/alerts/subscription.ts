// Validation of a new subscription: the query is parsed by the search parser (one syntax),
// filters are normalized exactly as search_matching_ids normalizes them, and the channel,
// target and schedule are checked. Pure.
import { VigieError } from '../errors.ts';
import { parseQuery } from '../search/query.ts';
import { isTimeZone, parseTimeOfDay, type DigestSchedule } from './schedule.ts';

export type Channel = 'webhook' | 'email' | 'log';

export interface SubscriptionFilters {
  topics: string[] | null;
  countries: string[] | null;
  organizations: string[] | null;
  regions: string[] | null;
  langs: string[] | null;
  feeds: number[] | null;
}

export interface SubscriptionInput {
  name: string;
  owner?: string | null;
  query: string;
  filters?: Partial<SubscriptionFilters>;
  channel: Channel;
  /** Webhook URL or e-mail address; ignored for the log channel. */
  target?: string | null;
  schedule?: DigestSchedule;
}

export interface ValidSubscription {
  name: string;
  owner: string | null;
  query: string;
  filters: SubscriptionFilters;
  channel: Channel;
  target: string | null;
  schedule: DigestSchedule;
}

function usage(message: string): never {
  throw new VigieError(`alerts: ${message}`, { code: 'usage', permanent: true });
}

function list<T>(values: T[] | null | undefined, normalize: (v: T) => T): T[] | null {
  if (!values || values.length === 0) return null;
  return [...new Set(values.map(normalize))];
}

/** Returns the filters normalized as search does (topics, organizations, regions, languages lower-case; countries upper-case; empty = none). */
export function normalizeFilters(filters: Partial<SubscriptionFilters> = {}): SubscriptionFilters {
  const lower = (s: string) => s.trim().toLowerCase();
  return {
    topics: list(filters.topics, lower),
    countries: list(filters.countries, (s) => s.trim().toUpperCase()),
    organizations: list(filters.organizations, lower),
    regions: list(filters.regions, lower),
    langs: list(filters.langs, lower),
    feeds: list(filters.feeds, (n) => n),
  };
}

const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

/** Returns the target checked for `channel`: an http(s) URL without credentials, an e-mail address, or null for log; throws VigieError. */
export function validateTarget(channel: Channel, target: string | null | undefined): string | null {
  if (channel === 'log') return null;
  const value = (target ?? '').trim();
  if (channel === 'email') {
    if (!EMAIL.test(value)) usage(`--email expects an e-mail address; got '${value}'`);
    return value;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    usage(`--webhook expects an http or https URL; got '${value}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') usage(`--webhook expects an http or https URL; got '${url.protocol}'`);
  if (url.username || url.password) usage('--webhook URL must not carry credentials (requests are signed instead)');
  return url.toString();
}

/** Returns the checked schedule; throws VigieError on a bad hour or an unknown time zone. */
export function validateSchedule(schedule: DigestSchedule | undefined): DigestSchedule {
  if (!schedule || schedule.kind === 'instant') return { kind: 'instant' };
  if (schedule.kind === 'hourly') return { kind: 'hourly' };
  parseTimeOfDay(schedule.at);
  if (!isTimeZone(schedule.tz)) usage(`--tz expects an IANA time zone such as Europe/Paris or Africa/Abidjan; got '${schedule.tz}'`);
  return { kind: 'daily', at: schedule.at, tz: schedule.tz };
}

/** Returns the subscription checked and normalized; throws QueryError for a bad query and VigieError (code 'usage') otherwise. */
export function validateSubscription(input: SubscriptionInput): ValidSubscription {
  const name = input.name.trim();
  if (!name || name.length > 200) usage('--name must be 1 to 200 characters long');
  parseQuery(input.query);
  return {
    name,
    owner: input.owner?.trim() || null,
    query: input.query,
    filters: normalizeFilters(input.filters),
    channel: input.channel,
    target: validateTarget(input.channel, input.target),
    schedule: validateSchedule(input.schedule),
  };
}
