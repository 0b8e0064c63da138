import { useEffect, useState } from 'react';
import type { GLTF } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { WorldCollider } from '../../../../shared/jobs/world-generate.js';
import type { AssetDefinition } from '../../../../shared/schemas/world.js';
import { rawFetch } from '../../../api/raw-fetch.js';
import { loadGlb } from './GlbModel.js';

/**
 * The files of a generated asset beyond LOD0 (seed §6 Step E): its LOD1/LOD2 GLBs and its
 * collider JSON, from the media store. Each is fetched once per page (assets are immutable) and
 * arrives after LOD0, so the model shows first and its lighter levels and exact collider follow.
 */

const colliders = new Map<string, Promise<WorldCollider>>();

export function loadCollider(mediaId: string): Promise<WorldCollider> {
  let p = colliders.get(mediaId);
  if (p) return p;
  p = rawFetch(`/media/${encodeURIComponent(mediaId)}/file`, 'Loading the collider')
    .then((r) => r.json())
    .then((j: unknown) => WorldCollider.parse(j));
  p.catch(() => colliders.delete(mediaId));
  colliders.set(mediaId, p);
  return p;
}

/** The asset's collider once loaded (null before, or when it has none or it failed: the box stays). */
export function useColliderFile(asset: AssetDefinition | null | undefined): { key: string; data: WorldCollider } | null {
  const id = asset?.files.colliderMediaId ?? null;
  const [got, setGot] = useState<{ key: string; data: WorldCollider } | null>(null);
  useEffect(() => {
    if (!id) return undefined;
    let alive = true;
    loadCollider(id).then(
      (data) => alive && setGot({ key: id, data }),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [id]);
  return got && got.key === id ? got : null;
}

const NO_LODS: GLTF[] = [];

/** LOD1, LOD2 … as they load, in order (a level that fails to load ends the list there). Stable while unchanged. */
export function useLodGlbs(asset: AssetDefinition | null | undefined): GLTF[] {
  const ids = asset?.files.lodMediaIds ?? [];
  const key = ids.join(',');
  const [state, setState] = useState<{ key: string; lods: GLTF[] }>({ key: '', lods: NO_LODS });
  useEffect(() => {
    if (!key) return undefined;
    let alive = true;
    void (async () => {
      const lods: GLTF[] = [];
      for (const id of key.split(',')) {
        try {
          lods.push(await loadGlb(`/media/${encodeURIComponent(id)}/file`));
        } catch {
          break;
        }
      }
      if (alive) setState({ key, lods });
    })();
    return () => {
      alive = false;
    };
  }, [key]);
  return state.key === key ? state.lods : NO_LODS;
}
