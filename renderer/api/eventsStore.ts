import { create } from 'zustand';

export type EventsState = 'connecting' | 'open' | 'closed';

interface EventsStore {
  state: EventsState;
  /** Version the host announced in its `hello`. */
  serverVersion: string | null;
  setState(state: EventsState): void;
  setServerVersion(version: string): void;
}

export const useEventsStore = create<EventsStore>()((set) => ({
  state: 'connecting',
  serverVersion: null,
  setState: (state) => set({ state }),
  setServerVersion: (serverVersion) => set({ serverVersion }),
}));
