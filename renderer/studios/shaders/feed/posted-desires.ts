import { create } from 'zustand';

/** Desires posted from the feed in this session, followed under the desire box until resolved. */
interface PostedDesires {
  ids: string[];
  add(id: string): void;
}

export const usePostedDesires = create<PostedDesires>()((set, get) => ({
  ids: [],
  add: (id) => set({ ids: [...get().ids.filter((x) => x !== id), id].slice(-5) }),
}));
