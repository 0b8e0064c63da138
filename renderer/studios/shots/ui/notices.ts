import { create } from 'zustand';

/**
 * Notices of the Shots studio: errors (a refused slot, a failed upload) and undo offers after a
 * delete. An undo notice stays longer and carries its action; running it replaces the notice
 * with the outcome, so a failed restore is never shown as done.
 */
export interface Notice {
  id: number;
  tone: 'info' | 'error' | 'ok';
  message: string;
  action?: { label: string; run: () => Promise<void> };
}

interface NoticeState {
  notices: Notice[];
  push(n: Omit<Notice, 'id'>): number;
  dismiss(id: number): void;
}

let seq = 0;

export const useNotices = create<NoticeState>()((set, get) => ({
  notices: [],
  push: (n) => {
    const id = ++seq;
    set({ notices: [...get().notices.slice(-3), { ...n, id }] });
    const ttl = n.action ? 10_000 : n.tone === 'error' ? 8_000 : 3_500;
    window.setTimeout(() => get().dismiss(id), ttl);
    return id;
  },
  dismiss: (id) => set({ notices: get().notices.filter((t) => t.id !== id) }),
}));

export const notify = {
  ok: (message: string) => useNotices.getState().push({ tone: 'ok', message }),
  error: (message: string) => useNotices.getState().push({ tone: 'error', message }),
  /** "<what> deleted" with an Undo button that calls restore. */
  undo: (message: string, restore: () => Promise<void>) => useNotices.getState().push({ tone: 'info', message, action: { label: 'Undo', run: restore } }),
};
