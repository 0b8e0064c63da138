import { useEffect, useMemo, useState } from 'react';
import type { Channel, ScheduleSlot } from '../../../../shared/schemas/video-liveloop.js';
import { ApiRequestError, errorMessage } from '../../../api/errors.js';
import { usePutSchedule } from '../api/liveloop-hooks.js';
import { newSlot, slotProblems, WEEKDAYS } from './schedule-issues.js';

interface SlotEditorProps {
  slot: ScheduleSlot;
  channel: Channel;
  problems: string[];
  change: (patch: Partial<ScheduleSlot>) => void;
  remove: () => void;
}

function SlotEditor({ slot, channel, problems, change, remove }: SlotEditorProps) {
  const invalid = problems.length > 0;
  const ref = `ll-slot-${slot.id}`;
  const itemKey = slot.content.kind === 'item' ? slot.content.itemKey : '';
  return (
    <li className="ll-slot card" data-testid="liveloop-slot" data-slot-id={slot.id} data-invalid={invalid || undefined} aria-describedby={invalid ? `${ref}-err` : undefined}>
      <div className="ll-slot-grid">
        <label className="vfield">
          <span>Title</span>
          <input value={slot.title} onChange={(e) => change({ title: e.target.value })} placeholder="Evening storms" maxLength={120} />
        </label>
        <label className="vfield ll-time">
          <span>Start</span>
          <input value={slot.start} onChange={(e) => change({ start: e.target.value.trim() })} placeholder="18:00" inputMode="numeric" aria-invalid={invalid || undefined} data-testid="liveloop-slot-start" />
        </label>
        <label className="vfield ll-time">
          <span>End</span>
          <input value={slot.end} onChange={(e) => change({ end: e.target.value.trim() })} placeholder="20:00" inputMode="numeric" aria-invalid={invalid || undefined} data-testid="liveloop-slot-end" />
        </label>
      </div>
      <fieldset className="ll-days">
        <legend className="sr-only">Days</legend>
        {WEEKDAYS.map((d) => (
          <label key={d.day} className="ll-day" title={d.long}>
            <input
              type="checkbox"
              checked={slot.days.includes(d.day)}
              onChange={(e) => change({ days: e.target.checked ? [...slot.days, d.day].sort() : slot.days.filter((x) => x !== d.day) })}
              aria-label={d.long}
            />
            <span>{d.short}</span>
          </label>
        ))}
      </fieldset>
      <div className="ll-slot-grid">
        <label className="vfield">
          <span>Plays</span>
          <select
            value={slot.content.kind}
            onChange={(e) =>
              change({ content: e.target.value === 'block' ? { kind: 'block', block: channel.blocks[0]?.name ?? 'block' } : { kind: 'item', itemKey: channel.items[0]?.key ?? '' } })
            }
          >
            <option value="item">An item</option>
            <option value="block">A block</option>
          </select>
        </label>
        {slot.content.kind === 'item' ? (
          <label className="vfield">
            <span>Item</span>
            <select value={slot.content.itemKey} onChange={(e) => change({ content: { kind: 'item', itemKey: e.target.value } })} data-testid="liveloop-slot-item">
              {channel.items.map((i) => (
                <option key={i.key} value={i.key}>
                  {i.title}
                </option>
              ))}
              {channel.items.some((i) => i.key === itemKey) ? null : <option value={itemKey}>(removed item)</option>}
            </select>
          </label>
        ) : (
          <label className="vfield">
            <span>Block</span>
            <input list="ll-block-names" value={slot.content.block} onChange={(e) => change({ content: { kind: 'block', block: e.target.value } })} />
          </label>
        )}
        <label className="vcheck" title="Pinned: starts exactly on time (the entry before is cut short, the gap filled). Not pinned: starts when the entry on air ends.">
          <input type="checkbox" checked={slot.pinned} onChange={(e) => change({ pinned: e.target.checked })} />
          <span>Pinned to the start time</span>
        </label>
        <button type="button" className="btn btn-ghost btn-small" onClick={remove} aria-label={`Remove slot ${slot.title || slot.start}`}>
          Remove
        </button>
      </div>
      {invalid ? (
        <ul className="ll-slot-errors" id={`${ref}-err`} role="alert" data-testid="liveloop-slot-error">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/**
 * The schedule: slots per weekday (start/end in the channel's time zone; an item or a named
 * block; pinned or not). Saved as a whole; the host validates it and each problem it names
 * (overlaps, bad ranges, unknown items) is shown beside the slot it concerns.
 */
export function ScheduleEditor({ channel }: { channel: Channel }) {
  const put = usePutSchedule(channel.id);
  const [draft, setDraft] = useState<ScheduleSlot[]>(channel.schedule);
  const [dirty, setDirty] = useState(false);
  useEffect(() => {
    if (!dirty) setDraft(channel.schedule);
  }, [channel.schedule, dirty]);
  const problems = useMemo(() => (put.error instanceof ApiRequestError ? slotProblems(put.error.details, draft) : { bySlot: new Map<string, string[]>(), general: [] }), [put.error, draft]);
  const edit = (next: ScheduleSlot[]): void => {
    setDraft(next);
    setDirty(true);
  };
  const firstItem = channel.items[0];
  const canAdd = !!firstItem || channel.blocks.length > 0;

  return (
    <section className="ll-schedule" aria-label="Schedule" data-testid="liveloop-schedule">
      <p className="small muted">
        Slots play at set times on the days you tick; between slots the playlist runs. Times are in <strong>{channel.timezone}</strong>.
      </p>
      <datalist id="ll-block-names">
        {channel.blocks.map((b) => (
          <option key={b.name} value={b.name} />
        ))}
      </datalist>
      {draft.length === 0 ? <p className="muted small ll-empty-note">No slots: the playlist plays around the clock.</p> : null}
      <ul className="ll-slots">
        {draft.map((slot, i) => (
          <SlotEditor
            key={slot.id}
            slot={slot}
            channel={channel}
            problems={problems.bySlot.get(slot.id) ?? []}
            change={(patch) => edit(draft.map((s, j) => (j === i ? { ...s, ...patch } : s)))}
            remove={() => edit(draft.filter((_, j) => j !== i))}
          />
        ))}
      </ul>
      <div className="ll-inline-form">
        <button
          type="button"
          className="btn btn-secondary"
          disabled={!canAdd}
          title={canAdd ? undefined : 'Add an item to the channel first'}
          onClick={() => edit([...draft, newSlot(firstItem ? { kind: 'item', itemKey: firstItem.key } : { kind: 'block', block: channel.blocks[0]!.name })])}
          data-testid="liveloop-slot-add"
        >
          Add slot
        </button>
        <button
          type="button"
          className="btn btn-cta"
          disabled={!dirty || put.isPending}
          onClick={() => put.mutate({ slots: draft }, { onSuccess: () => setDirty(false) })}
          data-testid="liveloop-schedule-save"
        >
          {put.isPending ? 'Saving…' : 'Save schedule'}
        </button>
        {dirty ? (
          <button
            type="button"
            className="btn btn-ghost"
            onClick={() => {
              setDraft(channel.schedule);
              setDirty(false);
              put.reset();
            }}
          >
            Discard changes
          </button>
        ) : null}
        {put.isSuccess && !dirty ? (
          <span className="small muted" role="status">
            Saved.
          </span>
        ) : null}
      </div>
      {put.error ? (
        <div className="vfield-error" role="alert" data-testid="liveloop-schedule-error">
          <p>{problems.bySlot.size ? 'The schedule was not saved: see the marked slots above.' : errorMessage(put.error)}</p>
          {problems.general.length ? (
            <ul>
              {problems.general.map((g) => (
                <li key={g}>{g}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
