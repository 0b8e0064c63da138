import { getBridge } from '../api/bridge.js';

/** "Show in folder" — only the desktop shell can do this; in a browser nothing is rendered. */
export function RevealButton({ path }: { path: string }) {
  const bridge = getBridge();
  if (!bridge) return null;
  return (
    <button type="button" className="btn btn-ghost btn-small" onClick={() => void bridge.revealPath(path)}>
      Show
    </button>
  );
}
