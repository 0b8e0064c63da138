import { useEffect, useMemo, useState } from 'react';
import { Color, LOD, Mesh, MeshStandardMaterial, TextureLoader, type Material, type Object3D } from 'three';
import { GLTFLoader, type GLTF } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { MeshoptDecoder } from 'three/examples/jsm/libs/meshopt_decoder.module.js';
import { API_PREFIX } from '../../../../shared/routes.js';
import type { EntityRender } from '../../../../shared/schemas/world.js';
import { getConnection } from '../../../api/auth.js';

/**
 * GLBs come from the API with the token, so they are fetched here and parsed from memory (the
 * page's CSP lets nothing fetch blob: URLs). Embedded textures are decoded through <img>
 * (TextureLoader) instead of GLTFLoader's fetch-based ImageBitmapLoader for the same reason.
 * One parse per asset; entities clone the scene.
 */
const cache = new Map<string, Promise<GLTF>>();

function makeLoader(): GLTFLoader {
  const loader = new GLTFLoader();
  loader.setMeshoptDecoder(MeshoptDecoder);
  loader.register((parser) => {
    (parser as unknown as { textureLoader: TextureLoader }).textureLoader = new TextureLoader(parser.options.manager);
    return { name: 'auteur_img_textures' };
  });
  return loader;
}

export function loadGlb(apiPath: string): Promise<GLTF> {
  let p = cache.get(apiPath);
  if (p) return p;
  p = (async () => {
    const { apiBase, token } = getConnection();
    const res = await fetch(apiBase + API_PREFIX + apiPath, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
    if (!res.ok) throw new Error(`HTTP ${res.status} loading the model`);
    return makeLoader().parseAsync(await res.arrayBuffer(), '');
  })();
  // A failure is not cached: the next mount tries again.
  p.catch(() => cache.delete(apiPath));
  cache.set(apiPath, p);
  return p;
}

export function useGlb(apiPath: string | null): { gltf: GLTF | null; error: string | null } {
  const [state, setState] = useState<{ gltf: GLTF | null; error: string | null; path: string | null }>({ gltf: null, error: null, path: null });
  useEffect(() => {
    if (!apiPath) return undefined;
    let alive = true;
    loadGlb(apiPath).then(
      (gltf) => alive && setState({ gltf, error: null, path: apiPath }),
      (err: unknown) => alive && setState({ gltf: null, error: err instanceof Error ? err.message : String(err), path: apiPath }),
    );
    return () => {
      alive = false;
    };
  }, [apiPath]);
  return state.path === apiPath ? state : { gltf: null, error: null };
}

/** Distance (m) at which level i (≥ 1) takes over: relative to the object's size, so a house switches later than a cup. */
export function lodDistance(level: number, sizeM: number): number {
  return Math.max(12, sizeM * 10) * (level === 1 ? 1 : 2.5 * (level - 1));
}

function styled(gltf: GLTF, render: EntityRender): Object3D {
  const root = gltf.scene.clone(true);
  root.traverse((o: Object3D) => {
    if (!(o instanceof Mesh)) return;
    o.castShadow = render.castShadow;
    o.receiveShadow = render.receiveShadow;
    const apply = (m: Material): Material => {
      if (!(m instanceof MeshStandardMaterial)) return m;
      const c = m.clone();
      const over = render.materialOverrides[m.name];
      if (over?.color) c.color.set(over.color);
      if (over?.roughness !== undefined) c.roughness = over.roughness;
      if (over?.metalness !== undefined) c.metalness = over.metalness;
      if (render.tint) c.color.multiply(new Color(render.tint));
      return c;
    };
    o.material = Array.isArray(o.material) ? o.material.map(apply) : apply(o.material as Material);
  });
  return root;
}

/**
 * A generated or imported GLB, cloned per entity with its tint, material overrides and shadow
 * flags. With LOD files loaded it is a three.js LOD: the renderer picks the level by camera
 * distance on every frame it draws.
 */
export function GlbModel({ gltf, lods = [], sizeM = 1, render }: { gltf: GLTF; lods?: GLTF[]; sizeM?: number; render: EntityRender }) {
  const scene = useMemo(() => {
    let root: Object3D;
    if (lods.length === 0) root = styled(gltf, render);
    else {
      const lod = new LOD();
      lod.addLevel(styled(gltf, render), 0);
      lods.forEach((l, i) => lod.addLevel(styled(l, render), lodDistance(i + 1, sizeM)));
      root = lod;
    }
    root.userData.glbLoaded = true;
    root.userData.lodLevels = lods.length + 1;
    return root;
  }, [gltf, lods, sizeM, render]);
  return <primitive object={scene} />;
}
