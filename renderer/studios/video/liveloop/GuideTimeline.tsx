import { memo, useEffect, useMemo, useRef, useState } from 'react';
import type { GuideEntry } from '../../../../shared/schemas/video-liveloop.js';
import { useGuide } from '../api/liveloop-hooks.js';
import { hhmm, hhmmss, layoutGuide, span } from './guide-layout.js';

const HOUR = 3_600_000;
const HOURS = 24;
const ZOOMS: ReadonlyArray<{ label: string; pxPerHour: number }> = [
  { label: '24 h', pxPerHour: 60 },
  { label: '6 h', pxPerHour: 240 },
  { label: '1 h', pxPerHour: 960 },
];

interface GuideTimelineProps {
  channelId: string;
  /** The instant on screen (the marker). */
  at: number;
  selected: GuideEntry | null;
  onSelect: (entry: GuideEntry) => void;
}

/** One hour of the strip: its own guide request, so only the hours in view are asked for. */
function GuideHour({ channelId, hourStart, index, pxPerHour, at, selected, onSelect }: { channelId: string; hourStart: number; index: number; pxPerHour: number } & Omit<GuideTimelineProps, 'channelId'>) {
  const guide = useGuide(channelId, new Date(hourStart).toISOString(), new Date(hourStart + HOUR).toISOString());
  const pxPerMs = pxPerHour / HOUR;
  const blocks = useMemo(() => layoutGuide(guide.data?.entries ?? [], hourStart, hourStart + HOUR, pxPerMs), [guide.data, hourStart, pxPerMs]);
  if (guide.error) {
    return (
      <div className="ll-guide-fail small" style={{ left: index * pxPerHour, width: pxPerHour }} role="alert">
        Guide unavailable
      </div>
    );
  }
  return (
    <>
      {blocks.map((b) => {
        const first = b.entries[0]!;
        const many = b.entries.length > 1;
        const onAir = Date.parse(b.entries[0]!.start) <= at && at < Date.parse(b.entries[b.entries.length - 1]!.end);
        const isSel = !!selected && b.entries.some((e) => e.start === selected.start);
        const label = many ? `${b.entries.length} short items from ${hhmmss(first.start)}` : `${first.title || first.kind}, ${hhmm(first.start)}–${hhmm(first.end)}`;
        return (
          <button
            type="button"
            key={b.key}
            className="ll-guide-entry"
            data-kind={many ? 'many' : first.kind}
            data-on-air={onAir || undefined}
            aria-pressed={isSel}
            style={{ left: index * pxPerHour + b.left, width: Math.max(2, b.width - 1) }}
            title={label}
            aria-label={label}
            onClick={() => onSelect(first)}
            data-testid="liveloop-guide-entry"
          >
            {b.width > 40 ? <span>{many ? `${b.entries.length} items` : first.title || first.kind}</span> : null}
          </button>
        );
      })}
    </>
  );
}

/**
 * The guide (EPG): the next 24 hours as a horizontal strip from the start of this hour, with a
 * marker at the instant on screen. Short entries are drawn together; click one to see it.
 */
export const GuideTimeline = memo(function GuideTimeline({ channelId, at, selected, onSelect }: GuideTimelineProps) {
  const [zoom, setZoom] = useState(1);
  const pxPerHour = ZOOMS[zoom]!.pxPerHour;
  const [origin] = useState(() => Math.floor(Date.now() / HOUR) * HOUR);
  const scroller = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ left: 0, width: 800 });
  const markerX = ((at - origin) / HOUR) * pxPerHour;

  const readView = (): void => {
    const el = scroller.current;
    if (el) setView({ left: el.scrollLeft, width: el.clientWidth });
  };
  const scrollToMarker = (): void => {
    const el = scroller.current;
    if (el) el.scrollLeft = Math.max(0, markerX - el.clientWidth / 4);
    readView();
  };
  // Follow the zoom: keep the marker in view.
  useEffect(scrollToMarker, [pxPerHour]); // eslint-disable-line react-hooks/exhaustive-deps

  const firstHour = Math.max(0, Math.floor(view.left / pxPerHour) - 1);
  const lastHour = Math.min(HOURS - 1, Math.ceil((view.left + view.width) / pxPerHour) + 1);
  const hours: number[] = [];
  for (let h = firstHour; h <= lastHour; h++) hours.push(h);
  const tickEvery = pxPerHour >= 960 ? 4 : pxPerHour >= 240 ? 2 : 1; // ticks per hour

  return (
    <section className="ll-guide card" aria-labelledby="ll-guide-title" data-testid="liveloop-guide">
      <div className="ll-section-head">
        <h2 id="ll-guide-title">Guide · next 24 hours</h2>
        <div className="segmented" role="group" aria-label="Zoom">
          {ZOOMS.map((z, i) => (
            <button key={z.label} type="button" className="segmented-btn" aria-pressed={zoom === i} onClick={() => setZoom(i)}>
              {z.label}
            </button>
          ))}
        </div>
        <button type="button" className="btn btn-ghost btn-small" onClick={scrollToMarker}>
          Now
        </button>
      </div>
      <div className="ll-guide-scroll" ref={scroller} onScroll={readView} tabIndex={0} aria-label="Guide timeline, scroll sideways">
        <div className="ll-guide-strip" style={{ width: HOURS * pxPerHour }}>
          <div className="ll-guide-ruler" aria-hidden="true">
            {Array.from({ length: HOURS * tickEvery }, (_, i) => (
              <span key={i} className="ll-guide-tick" data-hour={i % tickEvery === 0 || undefined} style={{ left: (i * pxPerHour) / tickEvery }}>
                {i % tickEvery === 0 || pxPerHour >= 240 ? hhmm(origin + (i * HOUR) / tickEvery) : ''}
              </span>
            ))}
          </div>
          <div className="ll-guide-lane">
            {hours.map((h) => (
              <GuideHour key={`${h}-${pxPerHour}`} channelId={channelId} hourStart={origin + h * HOUR} index={h} pxPerHour={pxPerHour} at={at} selected={selected} onSelect={onSelect} />
            ))}
          </div>
          {markerX >= 0 ? <div className="ll-guide-marker" style={{ left: markerX }} title={`Now: ${hhmmss(at)}`} data-testid="liveloop-guide-marker" /> : null}
        </div>
      </div>
      {selected ? (
        <p className="small muted" data-testid="liveloop-guide-selected">
          {hhmmss(selected.start)}–{hhmmss(selected.end)} · {span(Date.parse(selected.end) - Date.parse(selected.start))}
        </p>
      ) : (
        <p className="small muted">Click an entry to see it below.</p>
      )}
    </section>
  );
});
