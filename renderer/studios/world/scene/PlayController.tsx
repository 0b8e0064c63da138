import type RAPIER_NS from '@dimforge/rapier3d-compat';
import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useRef, useState } from 'react';
import { Euler, MathUtils, Quaternion, Vector3, type Group } from 'three';
import { sampleHeight } from '../../../../shared/world/terrain.js';
import { useWorldStore } from '../store/world-store.js';
import { isHeld, isTypingTarget } from './keys.js';
import { arrowLook, bindPlayInput, walkVelocity } from './play-input.js';
import { sceneRefs } from './registry.js';

/** What play mode is doing, for the HUD (and the read-only test hook). */
export const playState = {
  holding: null as string | null,
  view: 'first' as 'first' | 'third',
  lastThrow: null as string | null,
  avatar: null as [number, number, number] | null,
};

const EYE = 1.6;
const WALK = 5;
const HOLD_DIST = 2.2;
const MAX_PICKUP_KG = 150;

/**
 * Play mode (seed §3): the same scene, the camera bound to an avatar capsule. WASD to walk,
 * mouse look under pointer lock (click the view; the arrow keys turn too), Space to jump,
 * V for first/third person, E (or left click) to pick up / drop what is under the crosshair,
 * F (or right click) to throw it. Held objects are dragged by velocity, so they still collide
 * and can be stacked.
 */
export function PlayController() {
  const { camera, gl } = useThree();
  const avatar = useRef<RAPIER_NS.RigidBody | null>(null);
  const look = useRef(new Euler(0, 0, 0, 'YXZ'));
  const mesh = useRef<Group>(null);
  const [view, setView] = useState<'first' | 'third'>('first');
  const notify = useWorldStore((s) => s.notify);

  useEffect(() => {
    const physics = sceneRefs.physics;
    if (!physics) return undefined;
    const R = physics.R;
    // Leaving play puts the editor's view back where it was (after this controller's last frame).
    const buildView = { position: camera.position.clone(), quaternion: camera.quaternion.clone() };
    look.current.setFromQuaternion(camera.quaternion, 'YXZ');
    look.current.x = 0;
    const t = useWorldStore.getState().terrain;
    const x = camera.position.x;
    const z = camera.position.z;
    const body = physics.world.createRigidBody(
      R.RigidBodyDesc.dynamic().setTranslation(x, sampleHeight(t, x, z) + 1.2, z).lockRotations().setCcdEnabled(true).setLinearDamping(0.5),
    );
    physics.world.createCollider(R.ColliderDesc.capsule(0.5, 0.35).setFriction(0).setMass(70), body);
    avatar.current = body;
    playState.holding = null;

    const el = gl.domElement;
    const onKey = (e: KeyboardEvent) => {
      if (isTypingTarget(e.target) || e.repeat) return;
      if (e.code === 'KeyE') togglePick();
      if (e.code === 'KeyF') throwHeld();
      if (e.code === 'KeyV') setView((v) => (v === 'first' ? 'third' : 'first'));
      if (e.code === 'Space') {
        const hit = physics.raycast([body.translation().x, body.translation().y - 0.86, body.translation().z], [0, -1, 0], 0.2, body);
        if (hit) body.applyImpulse({ x: 0, y: 350, z: 0 }, true);
      }
    };
    const unbind = bindPlayInput(el, look, { primary: togglePick, secondary: throwHeld, key: onKey });
    return () => {
      unbind();
      physics.removeExtraBody(body);
      camera.position.copy(buildView.position);
      camera.quaternion.copy(buildView.quaternion);
      sceneRefs.invalidate();
      avatar.current = null;
      playState.holding = null;
      playState.avatar = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [camera, gl]);

  useEffect(() => {
    playState.view = view;
  }, [view]);

  const forward = (): Vector3 => new Vector3(0, 0, -1).applyQuaternion(camera.quaternion);

  function togglePick(): void {
    const physics = sceneRefs.physics;
    if (!physics || !avatar.current) return;
    if (playState.holding) {
      playState.holding = null;
      return;
    }
    const eye = eyePosition();
    const hit = physics.raycast([eye.x, eye.y, eye.z], forward().toArray() as [number, number, number], 8, avatar.current);
    const id = hit?.entityId ?? nearestInFront(eye);
    if (!id) return notify('Nothing to pick up here: aim at an object within reach.', 'info');
    const e = useWorldStore.getState().entities[id];
    const body = physics.body(id);
    if (!e || !body) return;
    if (!body.isDynamic()) return notify(`${e.name} is ${e.physics.bodyType}: it does not move.`, 'info');
    if (!e.behaviour.pickupable && !e.behaviour.throwable) return notify(`${e.name} is not pickupable (Inspector → Behaviour).`, 'info');
    if (e.physics.massKg > MAX_PICKUP_KG) return notify(`${e.name} weighs ${e.physics.massKg} kg: too heavy to pick up (at most ${MAX_PICKUP_KG} kg).`, 'info');
    playState.holding = id;
  }

  /** Aim assist: the closest dynamic object within reach and 50° of the view, when the crosshair misses. */
  function nearestInFront(eye: Vector3): string | null {
    const physics = sceneRefs.physics;
    if (!physics) return null;
    const f = forward();
    let best: { id: string; d: number } | null = null;
    for (const [id, pose] of physics.poses()) {
      if (!physics.body(id)?.isDynamic()) continue;
      const to = new Vector3(...pose.position).add(new Vector3(0, 0.3, 0)).sub(eye);
      const d = to.length();
      if (d > 3.5 || to.normalize().dot(f) < Math.cos(MathUtils.degToRad(50))) continue;
      if (!best || d < best.d) best = { id, d };
    }
    return best?.id ?? null;
  }

  function throwHeld(): void {
    const physics = sceneRefs.physics;
    const id = playState.holding;
    if (!physics || !id) return;
    const e = useWorldStore.getState().entities[id];
    const body = physics.body(id);
    playState.holding = null;
    if (!body || !e) return;
    if (!e.behaviour.throwable) return notify(`${e.name} is not throwable (Inspector → Behaviour); dropped it.`, 'info');
    // Lighter things fly faster: 14 m/s up to 10 kg, slower for heavier ones.
    const speed = 14 * Math.min(1, Math.max(0.2, 10 / Math.max(0.1, e.physics.massKg)));
    const d = forward().add(new Vector3(0, 0.25, 0)).normalize().multiplyScalar(speed);
    body.setLinvel({ x: d.x, y: d.y, z: d.z }, true);
    playState.lastThrow = id;
  }

  function eyePosition(): Vector3 {
    const p = avatar.current!.translation();
    return new Vector3(p.x, p.y - 0.85 + EYE, p.z);
  }

  useFrame((_, rawDt) => {
    const physics = sceneRefs.physics;
    const body = avatar.current;
    if (!physics || !body || physics.disposed) return;
    const dt = Math.min(rawDt, 0.1);
    arrowLook(look.current, dt, isHeld);
    const yaw = new Quaternion().setFromEuler(new Euler(0, look.current.y, 0));
    const move = walkVelocity(yaw, WALK, WALK * 1.8, isHeld);
    const v = body.linvel();
    body.setLinvel({ x: move.x, y: v.y, z: move.z }, true);

    physics.step(dt, () => {
      const id = playState.holding;
      const held = id ? physics.body(id) : null;
      if (!held) return;
      const target = eyePosition().add(forward().multiplyScalar(HOLD_DIST));
      const p = held.translation();
      const pull = target.sub(new Vector3(p.x, p.y, p.z)).multiplyScalar(12);
      if (pull.length() > 20) pull.setLength(20);
      held.setLinvel({ x: pull.x, y: pull.y, z: pull.z }, true);
      const w = held.angvel();
      held.setAngvel({ x: w.x * 0.8, y: w.y * 0.8, z: w.z * 0.8 }, true);
    });

    // Objects follow their bodies.
    for (const [id, pose] of physics.poses()) {
      const o = sceneRefs.objects.get(id);
      if (!o) continue;
      o.position.set(...pose.position);
      o.quaternion.set(...pose.rotation);
    }

    camera.quaternion.setFromEuler(look.current);
    const eye = eyePosition();
    if (view === 'first') camera.position.copy(eye);
    else camera.position.copy(eye).add(new Vector3(0, 0.6, 0)).addScaledVector(forward(), -4.5);
    const ap = body.translation();
    playState.avatar = [ap.x, ap.y, ap.z];
    if (mesh.current) {
      const p = body.translation();
      mesh.current.position.set(p.x, p.y, p.z);
      mesh.current.quaternion.copy(yaw);
    }
  });

  return (
    <group ref={mesh} visible={view === 'third'}>
      <mesh castShadow raycast={() => null}>
        <capsuleGeometry args={[0.35, 1, 4, 12]} />
        <meshStandardMaterial color="#3d7bd9" />
      </mesh>
      <mesh position={[0, 0.55, -0.3]} raycast={() => null}>
        <boxGeometry args={[0.3, 0.12, 0.12]} />
        <meshStandardMaterial color="#ffffff" />
      </mesh>
    </group>
  );
}
