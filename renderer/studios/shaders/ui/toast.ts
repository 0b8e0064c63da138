import { create } from 'zustand';

/** Short-lived notices for actions that have no place of their own (a failed vote, a saved shader). */
export interface Toast {
  id: number;
  tone: 'info' | 'error' | 'ok';
  message: string;
}

interface ToastState {
  toasts: Toast[];
  push(tone: Toast['tone'], message: string): void;
  dismiss(id: number): void;
}

let seq = 0;

export const useToasts = create<ToastState>()((set, get) => ({
  toasts: [],
  push: (tone, message) => {
    const id = ++seq;
    set({ toasts: [...get().toasts.slice(-3), { id, tone, message }] });
    window.setTimeout(() => get().dismiss(id), tone === 'error' ? 8000 : 3500);
  },
  dismiss: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
}));

export function useToast() {
  const push = useToasts((s) => s.push);
  return {
    info: (m: string) => push('info', m),
    ok: (m: string) => push('ok', m),
    error: (m: string) => push('error', m),
  };
}
