import { Grid } from '@react-three/drei';
import { Canvas, useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { DEFAULT_WORLD_SKY, type Entity, type WorldSky } from '../../../../shared/schemas/world.js';
import { useWorldStore } from '../store/world-store.js';
import { warmEntityPrograms } from './entity-materials.js';
import { EntityObject } from './EntityObject.js';
import { FlyCamera } from './FlyCamera.js';
import { MarqueeSelect } from './MarqueeSelect.js';
import { trackKeys } from './keys.js';
import { PlayController } from './PlayController.js';
import { sceneRefs } from './registry.js';
import { SelectionGizmo, gizmoState } from './SelectionGizmo.js';
import { TerrainMesh } from './TerrainMesh.js';

function Entities() {
  const entities = useWorldStore((s) => s.entities);
  const { roots, childrenOf } = useMemo(() => {
    const childrenOf = new Map<string, Entity[]>();
    const roots: Entity[] = [];
    for (const e of Object.values(entities)) {
      if (e.parentId && entities[e.parentId]) {
        const list = childrenOf.get(e.parentId) ?? [];
        list.push(e);
        childrenOf.set(e.parentId, list);
      } else roots.push(e);
    }
    return { roots, childrenOf };
  }, [entities]);
  return (
    <>
      {roots.map((e) => (
        <EntityObject key={e.id} entity={e} childrenOf={childrenOf} />
      ))}
    </>
  );
}

/** Hands the camera and invalidate to panels outside the Canvas; keeps terrain colliders in step. */
function SceneBridge() {
  const { camera, invalidate, gl, scene } = useThree();
  const terrain = useWorldStore((s) => s.terrain);
  const chunkRev = useWorldStore((s) => s.chunkRev);
  useEffect(() => {
    sceneRefs.camera = camera;
    sceneRefs.gl = gl;
    sceneRefs.scene = scene;
    sceneRefs.invalidate = () => invalidate();
    warmEntityPrograms(gl, scene, camera);
    return () => {
      sceneRefs.camera = null;
      sceneRefs.gl = null;
      sceneRefs.scene = null;
      sceneRefs.invalidate = () => undefined;
    };
  }, [camera, invalidate, gl, scene]);
  useEffect(() => {
    sceneRefs.physics?.syncTerrain(terrain, chunkRev);
  }, [terrain, chunkRev]);
  // World settings: gravity applies to the next play step.
  const gravity = useWorldStore((s) => s.world?.settings.gravity ?? -9.81);
  useEffect(() => {
    const p = sceneRefs.physics;
    if (p && !p.disposed) p.world.gravity = { x: 0, y: gravity, z: 0 };
  }, [gravity]);
  // Build mode does not step; it only rebuilds changed bodies so play starts from the edit.
  useFrame(() => {
    if (useWorldStore.getState().mode === 'build') sceneRefs.physics?.flush();
  });
  return null;
}

/** The sun 48 m out along its azimuth (from +x towards +z) and elevation. */
function sunPosition(sky: WorldSky): [number, number, number] {
  const el = (sky.sunElevationDeg * Math.PI) / 180;
  const az = (sky.sunAzimuthDeg * Math.PI) / 180;
  return [48 * Math.cos(el) * Math.cos(az), 48 * Math.sin(el), 48 * Math.cos(el) * Math.sin(az)];
}

/** The one scene of a world: both modes, lights, shadows, ground grid, terrain and entities. */
export function WorldCanvas() {
  const mode = useWorldStore((s) => s.mode);
  const select = useWorldStore((s) => s.select);
  const sky = useWorldStore((s) => s.world?.settings.sky ?? DEFAULT_WORLD_SKY);
  useEffect(() => trackKeys(), []);
  useEffect(() => sceneRefs.invalidate(), [sky]);
  // shadows="percentage": PCF, the filter three r18x draws anyway (it swaps PCFSoft, r3f's default,
  // for it at the first shadow pass), named up front so programs compiled early match the frame's.
  return (
    <Canvas
      className="world-canvas"
      data-testid="world-canvas"
      shadows="percentage"
      dpr={1}
      frameloop={mode === 'play' ? 'always' : 'demand'}
      camera={{ position: [6, 4.5, 8.5], fov: 55, near: 0.1, far: 600 }}
      gl={{ antialias: false, preserveDrawingBuffer: true }}
      onCreated={({ camera }) => camera.lookAt(0, 0, 0)}
      onPointerMissed={(e) => {
        if (mode === 'build' && e.button === 0 && performance.now() > gizmoState.draggingUntil) select([]);
      }}
    >
      <color attach="background" args={[sky.color]} />
      <fog attach="fog" args={[sky.color, 90, 220]} />
      <hemisphereLight args={['#dfefff', '#56614a', sky.ambient]} />
      <directionalLight
        castShadow
        position={sunPosition(sky)}
        intensity={sky.sunIntensity}
        shadow-mapSize={[1024, 1024]}
        shadow-camera-left={-40}
        shadow-camera-right={40}
        shadow-camera-top={40}
        shadow-camera-bottom={-40}
        shadow-camera-far={120}
      />
      <SceneBridge />
      <TerrainMesh />
      <Grid
        position={[0, 0.02, 0]}
        args={[128, 128]}
        cellSize={1}
        sectionSize={8}
        cellColor="#6f8a62"
        sectionColor="#4b6340"
        fadeDistance={90}
        infiniteGrid={false}
      />
      <Entities />
      {mode === 'build' ? (
        <>
          <FlyCamera />
          <SelectionGizmo />
          <MarqueeSelect />
        </>
      ) : (
        <PlayController />
      )}
    </Canvas>
  );
}
