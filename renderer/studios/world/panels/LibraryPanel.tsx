import { useQueryClient } from '@tanstack/react-query';
import { useState, type DragEvent } from 'react';
import type { AssetDefinition, Transform } from '../../../../shared/schemas/world.js';
import { api } from '../../../api/client.js';
import { useAuthedMedia } from '../../../api/authed-media.js';
import { errorMessage } from '../../../api/errors.js';
import { useDebounced } from '../../../hooks/useDebounced.js';
import { useAssets, usePrefabs, useSimilar } from '../api/hooks.js';
import { worldKeys } from '../api/keys.js';
import { downloadGlb, importGlb } from '../api/transfer.js';
import { spawnInFront } from '../scene/spawn-point.js';
import { flushWorld } from '../store/autosave.js';
import { spawnCommand } from '../store/entity-ops.js';
import { useWorldStore } from '../store/world-store.js';
import { PublishPrefabToCommunity } from '../community/PublishPrefabToCommunity.js';

export const DRAG_TYPE = 'application/x-auteur-world';

/** Places a library asset or prefab; one undoable spawn. */
export async function placeFromLibrary(item: { kind: 'asset' | 'prefab'; id: string }, transform: Transform = spawnInFront()): Promise<void> {
  const s = useWorldStore.getState();
  if (!s.world || s.mode !== 'build') return;
  try {
    await flushWorld();
    if (item.kind === 'asset') {
      const e = await api.call('world.entities.spawnAsset', { params: { id: s.world.id }, body: { assetId: item.id, transform } });
      s.commit(spawnCommand(`Place “${e.name}”`, [e]));
      s.select([e.id]);
    } else {
      const res = await api.call('world.prefabs.instantiate', { params: { id: item.id }, body: { worldId: s.world.id, transform } });
      s.commit(spawnCommand(`Place prefab (${res.entities.length} objects)`, res.entities));
      s.select(res.entities.filter((e) => !e.parentId || !res.entities.some((x) => x.id === e.parentId)).map((e) => e.id));
    }
  } catch (err) {
    s.notify(`Could not place it: ${errorMessage(err)}`);
  }
}

function Thumb({ asset }: { asset: AssetDefinition }) {
  const media = useAuthedMedia(asset.files.thumbnailMediaId ? `/world/assets/${encodeURIComponent(asset.id)}/thumbnail` : null);
  return media.url ? <img src={media.url} alt="" className="world-thumb" /> : <span className="world-thumb world-thumb-empty">{asset.kind}</span>;
}

function AssetItem({ asset, onSimilar }: { asset: AssetDefinition; onSimilar?(id: string): void }) {
  const s = useWorldStore.getState();
  const onDrag = (e: DragEvent) => e.dataTransfer.setData(DRAG_TYPE, JSON.stringify({ kind: 'asset', id: asset.id }));
  return (
    <li className="world-asset" draggable onDragStart={onDrag} data-testid="world-asset" data-asset-id={asset.id} title={asset.prompt}>
      <Thumb asset={asset} />
      <div className="world-asset-main">
        <strong>{asset.displayName}</strong>
        <span className="muted">
          v{asset.version} · {asset.source}
          {asset.tags.length ? ` · ${asset.tags.slice(0, 3).join(', ')}` : ''}
        </span>
        <div className="world-asset-actions">
          <button type="button" className="link" onClick={() => void placeFromLibrary({ kind: 'asset', id: asset.id })}>
            place
          </button>
          {onSimilar ? (
            <button type="button" className="link" onClick={() => onSimilar(asset.id)}>
              similar
            </button>
          ) : null}
          <button
            type="button"
            className="link"
            disabled={!asset.files.glbMediaId}
            onClick={() => void downloadGlb(`/world/assets/${encodeURIComponent(asset.id)}/glb`, `${asset.displayName.replace(/[^\w.-]+/g, '_')}.glb`).catch((err) => s.notify(errorMessage(err)))}
          >
            export
          </button>
        </div>
      </div>
    </li>
  );
}

function Assets() {
  const [q, setQ] = useState('');
  const query = useDebounced(q, 250);
  const assets = useAssets(query);
  const [similarTo, setSimilarTo] = useState<string | null>(null);
  const similar = useSimilar(similarTo);
  const qc = useQueryClient();
  const world = useWorldStore((s) => s.world);
  const [importing, setImporting] = useState(false);
  const [importError, setImportError] = useState<string | null>(null);

  const onImport = async (file: File | undefined) => {
    if (!file || !world) return;
    setImporting(true);
    setImportError(null);
    try {
      const res = await importGlb(file, { worldId: world.id });
      if (res.entity) useWorldStore.getState().commit(spawnCommand(`Import “${res.asset.displayName}”`, [res.entity]));
      if (res.warnings.length) useWorldStore.getState().notify(`Imported with warnings: ${res.warnings.join('; ')}`, 'info');
      void qc.invalidateQueries({ queryKey: worldKeys.assetsAll });
    } catch (err) {
      setImportError(errorMessage(err));
    } finally {
      setImporting(false);
    }
  };

  return (
    <>
      <input value={q} onChange={(e) => setQ(e.target.value)} placeholder="Search assets" aria-label="Search assets" type="search" />
      <label className="btn btn-secondary world-import">
        {importing ? 'Importing…' : 'Import GLB'}
        <input type="file" accept=".glb,model/gltf-binary" hidden aria-label="Import GLB file" onChange={(e) => void onImport(e.target.files?.[0]).finally(() => (e.target.value = ''))} />
      </label>
      {importError ? (
        <p className="world-error" role="alert" data-testid="world-import-error">
          {importError}
        </p>
      ) : null}
      {assets.error ? <p className="world-error">{errorMessage(assets.error)}</p> : null}
      {similarTo ? (
        <div className="world-similar">
          <h3>
            Similar{' '}
            <button type="button" className="link" onClick={() => setSimilarTo(null)}>
              close
            </button>
          </h3>
          {similar.error ? <p className="world-error">{errorMessage(similar.error)}</p> : null}
          <ul>
            {similar.data?.assets.filter((a) => a.id !== similarTo).map((a) => <AssetItem key={a.id} asset={a} />)}
          </ul>
        </div>
      ) : null}
      <ul>
        {assets.data?.assets.map((a) => <AssetItem key={a.id} asset={a} onSimilar={setSimilarTo} />)}
      </ul>
      {assets.data?.assets.length === 0 ? <p className="muted">{query ? 'No asset matches.' : 'Generated and imported assets appear here.'}</p> : null}
    </>
  );
}

function Prefabs() {
  const prefabs = usePrefabs();
  const qc = useQueryClient();
  return (
    <>
      {prefabs.error ? <p className="world-error">{errorMessage(prefabs.error)}</p> : null}
      {prefabs.data?.prefabs.length === 0 ? <p className="muted">Select objects and use “Save as prefab” in the inspector.</p> : null}
      <ul>
        {prefabs.data?.prefabs.map((p) => (
          <li
            key={p.id}
            className="world-asset"
            draggable
            onDragStart={(e) => e.dataTransfer.setData(DRAG_TYPE, JSON.stringify({ kind: 'prefab', id: p.id }))}
            data-testid="world-prefab"
            data-prefab-id={p.id}
          >
            <span className="world-thumb world-thumb-empty">prefab</span>
            <div className="world-asset-main">
              <strong>{p.name}</strong>
              <span className="muted">{p.nodes.length} object{p.nodes.length === 1 ? '' : 's'}</span>
              <div className="world-asset-actions">
                <button type="button" className="link" onClick={() => void placeFromLibrary({ kind: 'prefab', id: p.id })}>
                  place
                </button>
                <button
                  type="button"
                  className="link"
                  onClick={() => void api.call('world.prefabs.delete', { params: { id: p.id } }).then(() => qc.invalidateQueries({ queryKey: worldKeys.prefabs }))}
                >
                  delete
                </button>
              </div>
              <PublishPrefabToCommunity prefab={p} />
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}

/** Saved assets and prefabs: search, similar, place or drag into the view, import and export GLB. */
export function LibraryPanel() {
  const [tab, setTab] = useState<'assets' | 'prefabs'>('assets');
  const qc = useQueryClient();
  return (
    <section className="world-panel world-library" aria-label="Library">
      <h2>Library</h2>
      <div className="world-seg" role="tablist">
        <button type="button" role="tab" aria-selected={tab === 'assets'} className={tab === 'assets' ? 'active' : ''} onClick={() => setTab('assets')}>
          Assets
        </button>
        <button
          type="button"
          role="tab"
          aria-selected={tab === 'prefabs'}
          className={tab === 'prefabs' ? 'active' : ''}
          onClick={() => {
            setTab('prefabs');
            void qc.invalidateQueries({ queryKey: worldKeys.prefabs });
          }}
        >
          Prefabs
        </button>
      </div>
      {tab === 'assets' ? <Assets /> : <Prefabs />}
    </section>
  );
}
