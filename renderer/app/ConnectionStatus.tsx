import { useEventsStore, type EventsState } from '../api/eventsStore.js';

const LABELS: Record<EventsState, string> = {
  open: 'Live',
  connecting: 'Connecting…',
  closed: 'Offline — retrying',
};

/** Small dot + label for the live event stream, in the rail footer. */
export function ConnectionStatus() {
  const state = useEventsStore((s) => s.state);
  return (
    <div className="events-status" data-testid="events-status" data-state={state} role="status" aria-live="polite">
      <span className="events-dot" aria-hidden="true" />
      <span className="events-label">{LABELS[state]}</span>
    </div>
  );
}
