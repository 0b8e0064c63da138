import { z } from 'zod';
import { ScheduleIssue, type ScheduleSlot } from '../../../../shared/schemas/video-liveloop.js';

/** Where the host's answer puts each problem: per slot id (shown next to that slot), or general. */
export interface SlotProblems {
  bySlot: Map<string, string[]>;
  general: string[];
}

const ZodIssueLike = z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() });

/**
 * Reads a 400's details: ScheduleIssue[] (overlaps, gaps, bad ranges, unknown items — each names
 * its slots) or, for a body the schema refused, zod issues whose path is ['slots', index, field].
 */
export function slotProblems(details: unknown, slots: readonly ScheduleSlot[]): SlotProblems {
  const out: SlotProblems = { bySlot: new Map(), general: [] };
  const add = (slotId: string, msg: string): void => {
    const list = out.bySlot.get(slotId) ?? [];
    if (!list.includes(msg)) list.push(msg);
    out.bySlot.set(slotId, list);
  };
  const list = Array.isArray(details) ? details : [];
  for (const raw of list) {
    const issue = ScheduleIssue.safeParse(raw);
    if (issue.success) {
      const ids = issue.data.slotIds.filter((id) => slots.some((s) => s.id === id));
      if (ids.length) for (const id of ids) add(id, issue.data.message);
      else out.general.push(issue.data.message);
      continue;
    }
    const zi = ZodIssueLike.safeParse(raw);
    if (zi.success) {
      const [root, index, field] = zi.data.path;
      const slot = root === 'slots' && typeof index === 'number' ? slots[index] : undefined;
      if (slot) add(slot.id, field !== undefined ? `${String(field)}: ${zi.data.message}` : zi.data.message);
      else out.general.push(zi.data.message);
    }
  }
  return out;
}

/** Monday first, as schedules are read; values are the schema's 0 = Sunday. */
export const WEEKDAYS: ReadonlyArray<{ day: number; short: string; long: string }> = [
  { day: 1, short: 'Mon', long: 'Monday' },
  { day: 2, short: 'Tue', long: 'Tuesday' },
  { day: 3, short: 'Wed', long: 'Wednesday' },
  { day: 4, short: 'Thu', long: 'Thursday' },
  { day: 5, short: 'Fri', long: 'Friday' },
  { day: 6, short: 'Sat', long: 'Saturday' },
  { day: 0, short: 'Sun', long: 'Sunday' },
];

let seq = 0;
/** A new slot: weekdays 18:00–20:00, playing `content`. */
export function newSlot(content: ScheduleSlot['content']): ScheduleSlot {
  seq += 1;
  return { id: `slot-${Date.now().toString(36)}-${seq}`, title: '', days: [1, 2, 3, 4, 5], start: '18:00', end: '20:00', content, pinned: true };
}
