// Digest schedules: hourly, or daily at HH:MM in an IANA time zone. Wall-clock times are
// turned into instants with Intl only, so that DST days come out right: a time skipped by a
// spring-forward gap is sent at the same wall time after the gap (02:30 → 03:30 in Paris), a
// time repeated by a fall-back is sent at its first occurrence.
import { VigieError } from '../errors.ts';

export type DigestSchedule = { kind: 'instant' } | { kind: 'hourly' } | { kind: 'daily'; at: string; tz: string };

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** True when `tz` is an IANA time zone name that Intl knows. */
export function isTimeZone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

/** Returns the wall-clock time in `tz` at instant `ms`, as the UTC milliseconds of the same wall time. */
export function wallTime(ms: number, tz: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(tz).formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
}

/** Returns the instant at which the wall clock of `tz` shows `wallMs` (wall time as UTC milliseconds); see the file comment for gaps and repeats. */
export function instantOfWallTime(wallMs: number, tz: string): number {
  // At most one offset change happens within 14 hours in real zones.
  const before = wallTime(wallMs - 14 * HOUR_MS, tz) - (wallMs - 14 * HOUR_MS);
  const after = wallTime(wallMs + 14 * HOUR_MS, tz) - (wallMs + 14 * HOUR_MS);
  const valid = [wallMs - before, wallMs - after].filter((t) => wallTime(t, tz) === wallMs);
  if (valid.length > 0) return Math.min(...valid);
  return wallMs - before;
}

/** Returns "HH:MM" parsed into hours and minutes; throws VigieError otherwise. */
export function parseTimeOfDay(at: string): { hour: number; minute: number } {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(at);
  if (!m) throw new VigieError(`alerts: --at expects HH:MM (00:00 to 23:59); got '${at}'`, { code: 'usage', permanent: true });
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

/** Returns the first digest time strictly after `after`, or null for an instant subscription. */
export function nextDigestAt(schedule: DigestSchedule, after: Date): Date | null {
  const now = after.getTime();
  if (schedule.kind === 'instant') return null;
  if (schedule.kind === 'hourly') return new Date(Math.floor(now / HOUR_MS) * HOUR_MS + HOUR_MS);
  const { hour, minute } = parseTimeOfDay(schedule.at);
  const today = Math.floor(wallTime(now, schedule.tz) / DAY_MS) * DAY_MS;
  for (let day = today - DAY_MS; day <= today + 2 * DAY_MS; day += DAY_MS) {
    const t = instantOfWallTime(day + hour * HOUR_MS + minute * 60_000, schedule.tz);
    if (t > now) return new Date(t);
  }
  throw new VigieError(`alerts: no digest time found after ${after.toISOString()} in ${schedule.tz}`, { code: 'schedule' });
}

/** Returns the BullMQ repeat options of a digest schedule (a cron pattern, in the subscriber's time zone), or null when instant. */
export function digestRepeat(schedule: DigestSchedule): { pattern: string; tz?: string } | null {
  if (schedule.kind === 'instant') return null;
  if (schedule.kind === 'hourly') return { pattern: '0 * * * *' };
  const { hour, minute } = parseTimeOfDay(schedule.at);
  return { pattern: `${minute} ${hour} * * *`, tz: schedule.tz };
}
