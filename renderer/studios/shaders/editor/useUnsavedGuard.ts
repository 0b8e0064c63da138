import { useEffect } from 'react';
import { useRouter } from '../../../app/router.js';

const MESSAGE = 'This shader has unsaved changes. Leave without saving?';

/** While `dirty`: confirm before in-app navigation (links, back/forward) and before closing the tab. */
export function useUnsavedGuard(dirty: boolean): void {
  const setGuard = useRouter((s) => s.setGuard);
  useEffect(() => {
    if (!dirty) return undefined;
    const guard = (): boolean => window.confirm(MESSAGE);
    setGuard(guard);
    const onUnload = (e: BeforeUnloadEvent): void => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onUnload);
    return () => {
      if (useRouter.getState().guard === guard) setGuard(null);
      window.removeEventListener('beforeunload', onUnload);
    };
  }, [dirty, setGuard]);
}
