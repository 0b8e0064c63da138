import { useEffect, useState } from 'react';
import { TextureLoader } from 'three';
import { GLTFLoader, type GLTF } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { MeshoptDecoder } from 'three/examples/jsm/libs/meshopt_decoder.module.js';

/**
 * GLBs of a room, fetched by asset id from the host (never regenerated): the studio user through
 * the API with its token, a LAN guest through the room's invite-scoped asset route. Parsed from
 * memory with <img> texture decoding, like the editor (the CSP allows no blob: fetches). One
 * parse per URL; entities clone the scene.
 */
const cache = new Map<string, Promise<GLTF>>();

export function loadRoomGlb(url: string, headers: Record<string, string>): Promise<GLTF> {
  let p = cache.get(url);
  if (p) return p;
  p = (async () => {
    const res = await fetch(url, { headers });
    if (!res.ok) throw new Error(`HTTP ${res.status} loading the model`);
    const loader = new GLTFLoader();
    loader.setMeshoptDecoder(MeshoptDecoder);
    loader.register((parser) => {
      (parser as unknown as { textureLoader: TextureLoader }).textureLoader = new TextureLoader(parser.options.manager);
      return { name: 'auteur_img_textures' };
    });
    return loader.parseAsync(await res.arrayBuffer(), '');
  })();
  p.catch(() => cache.delete(url));
  cache.set(url, p);
  return p;
}

export function useRoomGlb(src: { url: string; headers: Record<string, string> } | null): { gltf: GLTF | null; error: string | null } {
  const url = src?.url ?? null;
  const [state, setState] = useState<{ gltf: GLTF | null; error: string | null; url: string | null }>({ gltf: null, error: null, url: null });
  useEffect(() => {
    if (!src) return undefined;
    let alive = true;
    loadRoomGlb(src.url, src.headers).then(
      (gltf) => alive && setState({ gltf, error: null, url: src.url }),
      (err: unknown) => alive && setState({ gltf: null, error: err instanceof Error ? err.message : String(err), url: src.url }),
    );
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [url]);
  return state.url === url ? state : { gltf: null, error: null };
}
