import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { decodeTerrain } from '../../../shared/world/terrain.js';
import { api } from '../../api/client.js';
import { errorMessage } from '../../api/errors.js';
import { ErrorBanner } from '../../components/ErrorBanner.js';
import { Loading } from '../../components/Loading.js';
import { worldKeys } from './api/keys.js';
import { useGenerationUpdates } from './api/live.js';
import { InspectorPanel } from './panels/InspectorPanel.js';
import { DRAG_TYPE, LibraryPanel, placeFromLibrary } from './panels/LibraryPanel.js';
import { Notices } from './panels/Notices.js';
import { ObjectsPanel } from './panels/ObjectsPanel.js';
import { PromptPanel } from './panels/PromptPanel.js';
import { SettingsPanel } from './panels/SettingsPanel.js';
import { Toolbar } from './panels/Toolbar.js';
import { useShortcuts } from './panels/shortcuts.js';
import { PhysicsWorld, loadRapier } from './scene/physics.js';
import { MarqueeRect } from './scene/MarqueeSelect.js';
import { sceneRefs } from './scene/registry.js';
import { spawnAtScreen } from './scene/spawn-point.js';
import { WorldCanvas } from './scene/WorldCanvas.js';
import { installTestHook } from './scene/test-hook.js';
import { useAutosave } from './store/autosave.js';
import { useWorldStore } from './store/world-store.js';

/** One open world: loads it (entities + terrain), starts Rapier, and lays out the editor around the scene. */
export function WorldView({ worldId }: { worldId: string }) {
  const data = useQuery({
    queryKey: worldKeys.world(worldId),
    queryFn: async ({ signal }) => {
      const [w, t] = await Promise.all([
        api.call('world.worlds.get', { params: { id: worldId }, signal }),
        api.call('world.terrain.get', { params: { id: worldId }, signal }),
      ]);
      return { ...w, terrain: t };
    },
    // The editor owns the state once loaded; refetching would overwrite unsaved edits.
    staleTime: Infinity,
    gcTime: 0,
    refetchOnWindowFocus: false,
  });
  const [ready, setReady] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const loaded = useWorldStore((s) => s.world?.id === worldId);

  useEffect(() => {
    if (!data.data) return undefined;
    let alive = true;
    const { world, entities, terrain } = data.data;
    let physics: PhysicsWorld | null = null;
    void (async () => {
      try {
        const t = decodeTerrain(terrain.chunks);
        const R = await loadRapier();
        if (!alive) return;
        physics = new PhysicsWorld(R, world.settings.gravity);
        sceneRefs.physics = physics;
        useWorldStore.getState().load(world, entities, t);
        setReady(world.id);
      } catch (err) {
        if (alive) setLoadError(errorMessage(err));
      }
    })();
    return () => {
      alive = false;
      if (physics && sceneRefs.physics === physics) sceneRefs.physics = null;
      physics?.dispose();
      useWorldStore.getState().reset();
    };
  }, [data.data]);

  useAutosave();
  useGenerationUpdates(worldId);
  useShortcuts();
  useEffect(() => installTestHook(), []);

  if (data.isPending) return <Loading label="Loading the world…" />;
  if (data.error) return <ErrorBanner error={data.error} title="Could not load the world" onRetry={() => void data.refetch()} />;
  if (loadError) return <ErrorBanner error={loadError} title="Could not open the world" />;
  if (ready !== worldId || !loaded) return <Loading label="Starting physics…" />;
  return (
    <div className="world-editor" data-testid="world-editor" data-world-id={worldId}>
      <Toolbar />
      <aside className="world-left">
        <PromptPanel />
        <ObjectsPanel />
        <LibraryPanel />
        <SettingsPanel />
      </aside>
      <div
        className="world-stage"
        onDragOver={(e) => {
          if (e.dataTransfer.types.includes(DRAG_TYPE)) e.preventDefault();
        }}
        onDrop={(e) => {
          const raw = e.dataTransfer.getData(DRAG_TYPE);
          if (!raw) return;
          e.preventDefault();
          const box = e.currentTarget.getBoundingClientRect();
          const item = JSON.parse(raw) as { kind: 'asset' | 'prefab'; id: string };
          void placeFromLibrary(item, spawnAtScreen(e.clientX - box.left, e.clientY - box.top, box.width, box.height));
        }}
      >
        <WorldCanvas />
        <MarqueeRect />
        <Notices />
      </div>
      <aside className="world-right">
        <InspectorPanel />
      </aside>
    </div>
  );
}
