import { useLoader } from '@react-three/fiber';
import { Component, useMemo, type ReactNode } from 'react';
import { Color, Mesh, MeshStandardMaterial, type Material, type Object3D } from 'three';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { MeshoptDecoder } from 'three/examples/jsm/libs/meshopt_decoder.module.js';
import type { EntityRender } from '../../../../shared/schemas/world.js';

const extendLoader = (loader: GLTFLoader): void => {
  loader.setMeshoptDecoder(MeshoptDecoder);
};

/** A generated or imported GLB (from a blob: URL), cloned per entity with its tint, overrides and shadow flags. */
export function GlbModel({ url, render }: { url: string; render: EntityRender }) {
  const gltf = useLoader(GLTFLoader, url, extendLoader);
  const scene = useMemo(() => {
    const root = gltf.scene.clone(true);
    root.traverse((o: Object3D) => {
      if (!(o instanceof Mesh)) return;
      o.castShadow = render.castShadow;
      o.receiveShadow = render.receiveShadow;
      const apply = (m: Material): Material => {
        if (!(m instanceof MeshStandardMaterial)) return m;
        const c = m.clone();
        const o2 = render.materialOverrides[m.name];
        if (o2?.color) c.color.set(o2.color);
        if (o2?.roughness !== undefined) c.roughness = o2.roughness;
        if (o2?.metalness !== undefined) c.metalness = o2.metalness;
        if (render.tint) c.color.multiply(new Color(render.tint));
        return c;
      };
      o.material = Array.isArray(o.material) ? o.material.map(apply) : apply(o.material as Material);
    });
    root.userData.glbLoaded = true;
    return root;
  }, [gltf, render]);
  return <primitive object={scene} />;
}

/** Keeps the placeholder when a GLB cannot be loaded, and says why once. */
export class GlbBoundary extends Component<{ fallback: ReactNode; onError(message: string): void; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }
  override componentDidCatch(err: unknown): void {
    this.props.onError(err instanceof Error ? err.message : String(err));
  }
  override render(): ReactNode {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}
