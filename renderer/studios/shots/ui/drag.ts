import { create } from 'zustand';

/**
 * What is being dragged right now (transient client state, as the seed asks of zustand). The
 * dataTransfer carries the same id, so a drop still works if the store missed the dragstart.
 */
export type Dragged = { kind: 'ingredient'; id: string } | { kind: 'shot'; id: string; sceneId: string } | { kind: 'scene'; id: string };

export const DRAG_MIME: Record<Dragged['kind'], string> = {
  ingredient: 'application/x-auteur-ingredient',
  shot: 'application/x-auteur-shot',
  scene: 'application/x-auteur-scene',
};

interface DragState {
  dragged: Dragged | null;
  start(d: Dragged, e: React.DragEvent): void;
  end(): void;
}

export const useDrag = create<DragState>()((set) => ({
  dragged: null,
  start: (d, e) => {
    e.dataTransfer.setData(DRAG_MIME[d.kind], d.id);
    e.dataTransfer.setData('text/plain', d.id);
    e.dataTransfer.effectAllowed = d.kind === 'ingredient' ? 'copy' : 'move';
    set({ dragged: d });
  },
  end: () => set({ dragged: null }),
}));

/** The id of a dragged thing of `kind`, from the store or the dataTransfer. */
export function draggedId(kind: Dragged['kind'], e: React.DragEvent): string | null {
  const d = useDrag.getState().dragged;
  if (d?.kind === kind) return d.id;
  return e.dataTransfer.getData(DRAG_MIME[kind]) || null;
}

export function accepts(kind: Dragged['kind'], e: React.DragEvent): boolean {
  const d = useDrag.getState().dragged;
  return d ? d.kind === kind : e.dataTransfer.types.includes(DRAG_MIME[kind]);
}

interface UiState {
  /** The shot whose Veo payload is open in the editor. */
  payloadShotId: string | null;
  openPayload(id: string | null): void;
}

export const useShotsUi = create<UiState>()((set) => ({
  payloadShotId: null,
  openPayload: (payloadShotId) => set({ payloadShotId }),
}));
