import { useRouter } from '../../../app/router.js';
import { errorMessage } from '../../../api/errors.js';
import { downloadGlb } from '../api/transfer.js';
import { worldPaths } from '../nav.js';
import { enterPlay, exitPlay, frameSelection } from '../scene/mode.js';
import { InvitePlayers } from '../room/InvitePlayers.js';
import { HostOnRelay } from '../room-hosted/HostOnRelay.js';
import { flushWorld } from '../store/autosave.js';
import { useWorldStore, type Tool } from '../store/world-store.js';

const TOOLS: Array<{ id: Tool; label: string; key: string }> = [
  { id: 'translate', label: 'Move', key: 'T' },
  { id: 'rotate', label: 'Rotate', key: 'R' },
  { id: 'scale', label: 'Scale', key: 'Y' },
  { id: 'sculpt', label: 'Sculpt', key: 'B' },
];

const SAVE_TEXT = { saved: 'Saved', pending: 'Unsaved changes', saving: 'Saving…', error: 'Not saved' } as const;

export function Toolbar() {
  const world = useWorldStore((s) => s.world);
  const mode = useWorldStore((s) => s.mode);
  const tool = useWorldStore((s) => s.tool);
  const snap = useWorldStore((s) => s.snap);
  const history = useWorldStore((s) => s.history);
  const save = useWorldStore((s) => s.save);
  const s = useWorldStore.getState();
  const navigate = useRouter((st) => st.navigate);
  const lastUndo = history.past[history.past.length - 1];
  const nextRedo = history.future[0];

  const exportWorld = async () => {
    if (!world) return;
    try {
      await flushWorld();
      await downloadGlb(`/world/worlds/${encodeURIComponent(world.id)}/glb`, `${world.name.replace(/[^\w.-]+/g, '_')}.glb`);
    } catch (err) {
      s.notify(`Could not export the world: ${errorMessage(err)}`);
    }
  };

  return (
    <div className="world-toolbar" role="toolbar" aria-label="World tools">
      <button type="button" className="btn btn-secondary" onClick={() => void flushWorld().finally(() => navigate(worldPaths.list()))}>
        ← Worlds
      </button>
      <strong className="world-title">{world?.name}</strong>
      <div className="world-seg" role="group" aria-label="Mode">
        <button type="button" className={mode === 'build' ? 'active' : ''} aria-pressed={mode === 'build'} onClick={exitPlay}>
          Build
        </button>
        <button type="button" className={mode === 'play' ? 'active' : ''} aria-pressed={mode === 'play'} onClick={enterPlay} data-testid="world-play">
          Play
        </button>
      </div>
      {mode === 'build' ? (
        <>
          <div className="world-seg" role="group" aria-label="Tool">
            {TOOLS.map((t) => (
              <button key={t.id} type="button" className={tool === t.id ? 'active' : ''} aria-pressed={tool === t.id} title={`${t.label} (${t.key})`} onClick={() => s.setTool(t.id)}>
                {t.label}
              </button>
            ))}
          </div>
          <label className="world-inline">
            Snap
            <select value={snap} onChange={(e) => s.setSnap(Number(e.target.value))} aria-label="Grid snap">
              <option value={0}>off</option>
              <option value={0.25}>0.25 m</option>
              <option value={0.5}>0.5 m</option>
              <option value={1}>1 m</option>
            </select>
          </label>
          <button type="button" className="btn btn-secondary" disabled={!lastUndo} onClick={s.undo} title={lastUndo ? `Undo ${lastUndo.label} (Ctrl+Z)` : 'Nothing to undo'}>
            Undo
          </button>
          <button type="button" className="btn btn-secondary" disabled={!nextRedo} onClick={s.redo} title={nextRedo ? `Redo ${nextRedo.label} (Ctrl+Shift+Z)` : 'Nothing to redo'}>
            Redo
          </button>
          <button type="button" className="btn btn-secondary" onClick={frameSelection} title="Look at the selection (F)">
            Frame
          </button>
          <button type="button" className="btn btn-secondary" onClick={() => void exportWorld()}>
            Export GLB
          </button>
        </>
      ) : (
        <span className="world-hint" data-testid="world-play-hint">
          Click the view for mouse look · WASD walk · Space jump · E pick up / drop · F throw · V first/third person · P back to build
        </span>
      )}
      {world ? <InvitePlayers worldId={world.id} /> : null}
      {world ? <HostOnRelay worldId={world.id} /> : null}
      <span className={`world-save world-save-${save.state}`} data-testid="world-save" title={save.message ?? undefined}>
        {save.state === 'error' ? save.message : SAVE_TEXT[save.state]}
      </span>
    </div>
  );
}
