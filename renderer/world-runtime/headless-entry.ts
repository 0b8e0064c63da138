/**
 * The headless world snapshot page (window.__auteurWorldSnapshot), injected by the worker into
 * headless Chromium (worker/world/snapshot-renderer.ts): GLBs (base64) and placeholder boxes at
 * their transforms, lit, on a grid ground, seen from a camera, drawn once with three.js on
 * WebGL (SwiftShader without a GPU) and returned as a PNG data URL. Built by
 * vite.world-runtime.config.ts into dist/world-runtime/world.iife.js.
 */
import {
  AmbientLight, Box3, BoxGeometry, Color, DirectionalLight, GridHelper, Group, HemisphereLight, Mesh, MeshStandardMaterial,
  type Object3D, PCFShadowMap, PerspectiveCamera, PlaneGeometry, Quaternion, Scene, SRGBColorSpace, Vector3, WebGLRenderer,
} from 'three';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';

type V3 = [number, number, number];

export interface SnapshotItem {
  /** Index into `glbs`, or -1 for a placeholder box. */
  glb: number;
  placeholder: { scaleMeters: V3; color: string } | null;
  transform: { position: V3; rotation: [number, number, number, number]; scale: V3 };
}

export interface SnapshotSpec {
  width: number;
  height: number;
  /** GLB files as base64 (each once; items point at them). */
  glbs: string[];
  items: SnapshotItem[];
  camera: { position: V3; target: V3 } | null;
  background: string;
  grid: boolean;
}

export interface SnapshotResult {
  png: string;
  camera: { position: V3; target: V3 };
  failed: Array<{ glb: number; error: string }>;
}

function bytesOf(b64: string): ArrayBuffer {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out.buffer;
}

async function render(spec: SnapshotSpec): Promise<SnapshotResult> {
  const canvas = document.createElement('canvas');
  canvas.width = spec.width;
  canvas.height = spec.height;
  document.body.appendChild(canvas);
  const renderer = new WebGLRenderer({ canvas, antialias: true, preserveDrawingBuffer: true });
  try {
    renderer.setSize(spec.width, spec.height, false);
    renderer.outputColorSpace = SRGBColorSpace;
    renderer.shadowMap.enabled = true;
    renderer.shadowMap.type = PCFShadowMap; // three r18x dropped PCFSoftShadowMap (it falls back to this with a warning)
    const scene = new Scene();
    scene.background = new Color(spec.background);
    scene.add(new HemisphereLight(0xdfeaff, 0x4a4036, 0.9), new AmbientLight(0xffffff, 0.25));
    const sun = new DirectionalLight(0xffffff, 2.2);
    scene.add(sun, sun.target);

    const loader = new GLTFLoader();
    const failed: SnapshotResult['failed'] = [];
    const models = await Promise.all(
      spec.glbs.map((b64, i) =>
        loader.parseAsync(bytesOf(b64), '').then(
          (g) => g.scene as Object3D,
          (err: unknown) => {
            failed.push({ glb: i, error: err instanceof Error ? err.message : String(err) });
            return null;
          },
        ),
      ),
    );
    const content = new Group();
    for (const item of spec.items) {
      let obj: Object3D | null = null;
      const model = item.glb >= 0 ? models[item.glb] : null;
      if (model) obj = model.clone(true);
      else if (item.placeholder) {
        const [x, y, z] = item.placeholder.scaleMeters;
        const geo = new BoxGeometry(x, y, z).translate(0, y / 2, 0); // pivot at ground contact, like the assets
        obj = new Mesh(geo, new MeshStandardMaterial({ color: item.placeholder.color, roughness: 0.8, transparent: true, opacity: 0.85 }));
      }
      if (!obj) continue;
      const t = item.transform;
      obj.position.set(...t.position);
      obj.quaternion.copy(new Quaternion(...t.rotation).normalize());
      obj.scale.set(...t.scale);
      obj.traverse((o) => {
        if ((o as Mesh).isMesh) {
          o.castShadow = true;
          o.receiveShadow = true;
        }
      });
      content.add(obj);
    }
    scene.add(content);

    const box = new Box3().setFromObject(content);
    const empty = box.isEmpty();
    const center = empty ? new Vector3(0, 0.5, 0) : box.getCenter(new Vector3());
    const size = empty ? new Vector3(4, 1, 4) : box.getSize(new Vector3());
    const radius = Math.max(0.5, size.length() / 2);
    const extent = Math.max(10, radius * 4);
    const ground = new Mesh(new PlaneGeometry(extent * 2, extent * 2).rotateX(-Math.PI / 2), new MeshStandardMaterial({ color: 0x6f7a66, roughness: 1 }));
    ground.position.set(center.x, Math.min(0, empty ? 0 : box.min.y) - 0.001, center.z);
    ground.receiveShadow = true;
    scene.add(ground);
    if (spec.grid) {
      const step = extent > 40 ? 10 : 1;
      const grid = new GridHelper(Math.ceil((extent * 2) / step) * step, Math.ceil((extent * 2) / step), 0x3b4236, 0x56604f);
      grid.position.set(Math.round(center.x / step) * step, ground.position.y + 0.002, Math.round(center.z / step) * step);
      scene.add(grid);
    }

    const camera = new PerspectiveCamera(40, spec.width / spec.height, Math.max(0.01, radius / 200), extent * 20);
    if (spec.camera) {
      camera.position.set(...spec.camera.position);
      camera.lookAt(new Vector3(...spec.camera.target));
    } else {
      // Frame every item: from the front-right, above, far enough for the bounding sphere.
      const dist = radius / Math.sin((camera.fov * Math.PI) / 360) * (spec.width < spec.height ? spec.height / spec.width : 1) * 1.1;
      camera.position.copy(center).add(new Vector3(0.9, 0.7, 1.3).normalize().multiplyScalar(dist));
      camera.lookAt(center);
    }
    sun.position.copy(center).add(new Vector3(radius * 2, radius * 4, radius * 1.5));
    sun.target.position.copy(center);
    sun.castShadow = true;
    const sc = sun.shadow.camera;
    sc.left = sc.bottom = -radius * 1.5;
    sc.right = sc.top = radius * 1.5;
    sc.near = 0.01;
    sc.far = radius * 12;
    sun.shadow.mapSize.set(1024, 1024);

    renderer.render(scene, camera);
    const target = spec.camera?.target ?? ([center.x, center.y, center.z] as V3);
    return { png: canvas.toDataURL('image/png'), camera: { position: [camera.position.x, camera.position.y, camera.position.z], target }, failed };
  } finally {
    renderer.dispose();
    renderer.forceContextLoss();
    canvas.remove();
  }
}

(globalThis as unknown as { __auteurWorldSnapshot: { render: typeof render } }).__auteurWorldSnapshot = { render };
