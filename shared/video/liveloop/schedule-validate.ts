import type { ChannelBlock, ScheduleIssue, ScheduleSlot } from '../../schemas/video-liveloop.js';
import { isValidTimeZone, minutesOf } from './local-time.js';

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

export interface ScheduleContext {
  itemKeys: ReadonlySet<string>;
  blocks: readonly ChannelBlock[];
  timezone: string;
  /** True when the base playlist or the filler pool can fill time between slots. */
  canFillGaps: boolean;
}

/**
 * Every problem of a schedule, each naming its slots, day and local range: duplicate ids,
 * ranges that end before they start (a slot may not cross midnight: split it), unknown items
 * or blocks, overlaps on a day, and (when nothing can fill them) gaps between slots.
 */
export function validateSchedule(slots: readonly ScheduleSlot[], ctx: ScheduleContext): ScheduleIssue[] {
  const issues: ScheduleIssue[] = [];
  const issue = (code: ScheduleIssue['code'], message: string, slotIds: string[], day: number | null = null, from: string | null = null, to: string | null = null) =>
    issues.push({ code, message, slotIds, day, from, to });

  if (!isValidTimeZone(ctx.timezone)) issue('bad_timezone', `"${ctx.timezone}" is not a time zone this host knows (use an IANA name like Europe/Paris)`, []);
  const seen = new Set<string>();
  for (const s of slots) {
    if (seen.has(s.id)) issue('duplicate_id', `Two slots have the id "${s.id}"`, [s.id]);
    seen.add(s.id);
    if (minutesOf(s.end) <= minutesOf(s.start)) {
      issue('bad_range', `Slot "${s.id}" ends (${s.end}) before it starts (${s.start}); a slot may not cross midnight, split it into two`, [s.id], null, s.start, s.end);
    }
    if (s.content.kind === 'item' && !ctx.itemKeys.has(s.content.itemKey)) issue('unknown_item', `Slot "${s.id}" plays item "${s.content.itemKey}", which is not in this channel`, [s.id]);
    if (s.content.kind === 'block') {
      const name = s.content.block;
      const block = ctx.blocks.find((b) => b.name === name);
      if (!block) issue('unknown_block', `Slot "${s.id}" plays block "${name}", which this channel does not have`, [s.id]);
      else if (block.itemKeys.some((k) => !ctx.itemKeys.has(k))) issue('unknown_item', `Block "${name}" of slot "${s.id}" names items not in this channel`, [s.id]);
    }
  }

  for (let day = 0; day < 7; day++) {
    const today = slots
      .filter((s) => s.days.includes(day) && minutesOf(s.end) > minutesOf(s.start))
      .map((s) => ({ id: s.id, a: minutesOf(s.start), b: minutesOf(s.end) }))
      .sort((x, y) => x.a - y.a || x.b - y.b);
    for (let i = 0; i < today.length; i++) {
      for (let j = i + 1; j < today.length && today[j]!.a < today[i]!.b; j++) {
        const x = today[i]!;
        const y = today[j]!;
        issue('overlap', `On ${DAY_NAMES[day]} slots "${x.id}" and "${y.id}" overlap from ${hhmm(y.a)} to ${hhmm(Math.min(x.b, y.b))}`, [x.id, y.id], day, hhmm(y.a), hhmm(Math.min(x.b, y.b)));
      }
    }
    if (!ctx.canFillGaps) {
      let reach = -1;
      let last = '';
      for (const s of today) {
        if (reach >= 0 && s.a > reach) {
          issue('gap', `On ${DAY_NAMES[day]} nothing plays from ${hhmm(reach)} to ${hhmm(s.a)} between "${last}" and "${s.id}": the playlist and the filler pool are empty (add items, fillers, or move the slots)`, [last, s.id], day, hhmm(reach), hhmm(s.a));
        }
        if (s.b > reach) {
          reach = s.b;
          last = s.id;
        }
      }
    }
  }
  return issues;
}
