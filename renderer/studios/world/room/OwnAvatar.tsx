import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useRef } from 'react';
import { Euler, MathUtils, Quaternion, Vector3, type Group } from 'three';
import { EYE_HEIGHT_M, HOLD_DISTANCE_M, MAX_REACH_M } from '../../../../shared/world/room-protocol.js';
import { sampleHeight } from '../../../../shared/world/terrain.js';
import { isHeld, isTypingTarget, trackKeys } from '../scene/keys.js';
import { arrowLook, bindPlayInput, walkVelocity } from '../scene/play-input.js';
import type { V3 } from './interpolation.js';
import { Predictor, type PredictedInput } from './prediction.js';
import type { RoomClient } from './room-client.js';
import { localHold, roomObjects } from './RoomEntity.js';
import { useRoomStore } from './room-store.js';

const WALK = 5;
const SPRINT = 9;
const JUMP = 5;
const SEND_EVERY_MS = 50;

/** A move input: the displacement the player made since the last one (position = feet). */
interface MoveInput extends PredictedInput {
  d: V3;
}

/** What the avatar controller is doing, for the HUD and the test hook. */
export const ownState = {
  position: null as V3 | null,
  yaw: 0,
  pitch: 0,
  view: 'first' as 'first' | 'third',
  unacked: 0,
  /** Actions the keys trigger, callable by the test hook as well. */
  actions: null as null | { pickUp(id?: string): string | null; throwHeld(): boolean; release(): void; face(yaw: number, pitch: number): void },
};

/**
 * The local player's avatar: WASD / arrows / mouse look as in the editor's play mode, moved at
 * once on this screen (client prediction, feet on the room's terrain) and sent as numbered `move`
 * messages at 20 Hz; the host's acks (players[you].seq) and refusals reconcile the prediction.
 * E picks up the closest body in front (within reach) or lets go, F throws what is held.
 */
export function OwnAvatar({ client }: { client: RoomClient }) {
  const { camera, gl } = useThree();
  const mesh = useRef<Group>(null);
  const look = useRef(new Euler(0, 0, 0, 'YXZ'));
  const vy = useRef(0);
  const pendingD = useRef<V3>([0, 0, 0]);
  const lastSend = useRef(0);
  const predictor = useRef<Predictor<MoveInput> | null>(null);

  useEffect(() => trackKeys(), []);

  useEffect(() => {
    const ground = (x: number, z: number): number => sampleHeight(useRoomStore.getState().terrain, x, z);
    const step = (p: V3, i: MoveInput): V3 => {
      const x = p[0] + i.d[0];
      const z = p[2] + i.d[2];
      return [x, Math.max(ground(x, z), p[1] + i.d[1]), z];
    };
    predictor.current = null;
    client.onAck = (seq, position) => {
      if (!predictor.current) predictor.current = new Predictor(step, position);
      else if (seq === 0) predictor.current.reset(position);
      else predictor.current.reconcile(seq, position);
      useRoomStore.getState().set({ corrections: predictor.current.corrections });
    };
    client.onRejected = (_seq, position) => predictor.current?.reset(position);
    if (client.own) client.onAck(client.own.seq, client.own.position);

    const forward = (): Vector3 => new Vector3(0, 0, -1).applyQuaternion(camera.quaternion);
    const eye = (): Vector3 => {
      const p = predictor.current?.drawn() ?? [0, 0, 0];
      return new Vector3(p[0], p[1] + EYE_HEIGHT_M, p[2]);
    };
    const holding = (): string | null => {
      const s = useRoomStore.getState();
      return s.you ? (s.players[s.you]?.holding || null) : null;
    };
    const pickUp = (id?: string): string | null => {
      const held = holding();
      if (held) {
        client.send('release', { entityId: held });
        return null;
      }
      const target = id ?? nearestInFront(eye(), forward());
      if (!target) {
        useRoomStore.getState().notify(`Nothing to pick up here: aim at an object within ${MAX_REACH_M} m.`, 'info');
        return null;
      }
      client.send('pick_up', { entityId: target });
      return target;
    };
    const throwHeld = (): boolean => {
      const held = holding();
      if (!held) return false;
      const d = forward().add(new Vector3(0, 0.25, 0)).normalize();
      return client.send('throw', { entityId: held, direction: [d.x, d.y, d.z], speed: 14 });
    };
    ownState.actions = {
      pickUp,
      throwHeld,
      release: () => {
        const held = holding();
        if (held) client.send('release', { entityId: held });
      },
      face: (yaw, pitch) => {
        look.current.y = yaw;
        look.current.x = pitch;
      },
    };

    const el = gl.domElement;
    const onKey = (e: KeyboardEvent) => {
      if (isTypingTarget(e.target) || e.repeat) return;
      if (e.code === 'KeyE') pickUp();
      if (e.code === 'KeyF') throwHeld();
      if (e.code === 'KeyV') ownState.view = ownState.view === 'first' ? 'third' : 'first';
      if (e.code === 'Space' && predictor.current) {
        const p = predictor.current.position();
        if (p[1] <= ground(p[0], p[2]) + 0.05) vy.current = JUMP;
      }
    };
    const unbind = bindPlayInput(el, look, { primary: pickUp, secondary: throwHeld, key: onKey });
    return () => {
      unbind();
      client.onAck = null;
      client.onRejected = null;
      ownState.actions = null;
      ownState.position = null;
      localHold.id = null;
    };
  }, [client, camera, gl]);

  useFrame((_, rawDt) => {
    const pred = predictor.current;
    if (!pred) return;
    const dt = Math.min(rawDt, 0.1);
    arrowLook(look.current, dt, isHeld);
    const yaw = new Quaternion().setFromEuler(new Euler(0, look.current.y, 0));
    const move = walkVelocity(yaw, WALK, SPRINT, isHeld);

    // Gravity and ground contact on the predicted feet position (plus what is not sent yet).
    const base = pred.position();
    const d = pendingD.current;
    const g = Math.abs(useRoomStore.getState().gravity);
    vy.current -= g * dt;
    const nx = base[0] + d[0] + move.x * dt;
    const nz = base[2] + d[2] + move.z * dt;
    let ny = base[1] + d[1] + vy.current * dt;
    const floor = sampleHeight(useRoomStore.getState().terrain, nx, nz);
    if (ny <= floor) {
      ny = floor;
      vy.current = 0;
    }
    pendingD.current = [nx - base[0], ny - base[1], nz - base[2]];

    const now = performance.now();
    if (now - lastSend.current >= SEND_EVERY_MS) {
      lastSend.current = now;
      const sent = pendingD.current;
      pendingD.current = [0, 0, 0];
      const input = pred.apply({ d: sent });
      const p = pred.position();
      if (!client.send('move', { seq: input.seq, position: p, yaw: wrap(look.current.y), pitch: look.current.x })) pred.reset(base);
    }
    pred.blend(dt);
    const drawn = pred.drawn();
    const pos: V3 = [drawn[0] + pendingD.current[0], drawn[1] + pendingD.current[1], drawn[2] + pendingD.current[2]];
    ownState.position = pos;
    ownState.yaw = look.current.y;
    ownState.pitch = look.current.x;
    ownState.unacked = pred.unacked;

    camera.quaternion.setFromEuler(look.current);
    const eyeP = new Vector3(pos[0], pos[1] + EYE_HEIGHT_M, pos[2]);
    const fwd = new Vector3(0, 0, -1).applyQuaternion(camera.quaternion);
    if (ownState.view === 'first') camera.position.copy(eyeP);
    else camera.position.copy(eyeP).add(new Vector3(0, 0.6, 0)).addScaledVector(fwd, -4.5);
    if (mesh.current) {
      mesh.current.position.set(pos[0], pos[1] + 0.85, pos[2]);
      mesh.current.quaternion.copy(yaw);
      mesh.current.visible = ownState.view === 'third';
    }

    // While we hold a body we have authority over it: draw it at our hand and tell the host where.
    const s = useRoomStore.getState();
    const held = s.you ? s.players[s.you]?.holding || null : null;
    if (held) {
      const target = eyeP.clone().addScaledVector(fwd, HOLD_DISTANCE_M).add(new Vector3(0, -0.4, 0));
      localHold.id = held;
      localHold.position = [target.x, target.y, target.z];
      if (now - lastHoldSend >= SEND_EVERY_MS) {
        lastHoldSend = now;
        client.send('hold', { entityId: held, position: [target.x, target.y, target.z] });
      }
    } else localHold.id = null;
  });

  return (
    <group ref={mesh} visible={false}>
      <mesh castShadow raycast={() => null}>
        <capsuleGeometry args={[0.35, 1, 4, 12]} />
        <meshStandardMaterial color="#3d7bd9" />
      </mesh>
    </group>
  );
}

let lastHoldSend = 0;

const wrap = (a: number): number => Math.atan2(Math.sin(a), Math.cos(a));

/** The closest body within reach and 50° of the view (aim assist: no precise crosshair needed). */
function nearestInFront(eye: Vector3, f: Vector3): string | null {
  let best: { id: string; d: number } | null = null;
  const s = useRoomStore.getState();
  for (const [id, g] of roomObjects) {
    const e = s.entities[id];
    if (!e || e.physics.bodyType !== 'dynamic') continue;
    const to = g.position.clone().add(new Vector3(0, 0.3, 0)).sub(eye);
    const d = to.length();
    if (d > MAX_REACH_M || to.normalize().dot(f) < Math.cos(MathUtils.degToRad(50))) continue;
    if (!best || d < best.d) best = { id, d };
  }
  return best?.id ?? null;
}
