import { useFrame } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import { CanvasTexture, SRGBColorSpace, type Group } from 'three';
import type { Interpolator } from './interpolation.js';

/** A name drawn once into a texture for a sprite above the head (no DOM overlay per player). */
function nameTexture(name: string, color: string): CanvasTexture {
  const c = document.createElement('canvas');
  c.width = 256;
  c.height = 64;
  const g = c.getContext('2d')!;
  g.fillStyle = 'rgba(20,24,32,0.78)';
  g.beginPath();
  g.roundRect(2, 6, 252, 52, 24);
  g.fill();
  g.fillStyle = color;
  g.beginPath();
  g.arc(30, 32, 10, 0, Math.PI * 2);
  g.fill();
  g.fillStyle = '#ffffff';
  g.font = 'bold 28px sans-serif';
  g.textBaseline = 'middle';
  g.fillText(name.length > 14 ? `${name.slice(0, 13)}…` : name, 50, 33);
  const tex = new CanvasTexture(c);
  tex.colorSpace = SRGBColorSpace;
  return tex;
}

interface Props {
  id: string;
  name: string;
  color: string;
  interp: Interpolator;
  /** True while they hold a body: a small marker at the hand. */
  holding: boolean;
}

/**
 * Another player's avatar: a capsule with a "nose" showing where it faces and its name above,
 * feet at the pose's position, drawn from the server's poses ~100 ms in the past (interpolated, see interpolation.ts).
 */
export function RemoteAvatar({ id, name, color, interp, holding }: Props) {
  const ref = useRef<Group>(null);
  const label = useMemo(() => nameTexture(name, color), [name, color]);
  useEffect(() => () => label.dispose(), [label]);
  useFrame(() => {
    const pose = interp.sample(id, performance.now());
    const g = ref.current;
    if (!pose || !g) return;
    g.position.set(...pose.position);
    g.quaternion.set(...pose.rotation);
  });
  return (
    <group ref={ref} name={`avatar-${name}`} userData={{ playerId: id }}>
      <mesh castShadow position={[0, 0.85, 0]} raycast={() => null}>
        <capsuleGeometry args={[0.35, 1, 4, 12]} />
        <meshStandardMaterial color={color} />
      </mesh>
      <mesh position={[0, 1.4, -0.3]} raycast={() => null}>
        <boxGeometry args={[0.3, 0.12, 0.12]} />
        <meshStandardMaterial color="#ffffff" />
      </mesh>
      {holding ? (
        <mesh position={[0.45, 0.95, -0.2]} raycast={() => null}>
          <sphereGeometry args={[0.09, 10, 8]} />
          <meshStandardMaterial color="#ffd34d" emissive="#7a5a00" />
        </mesh>
      ) : null}
      <sprite position={[0, 2.15, 0]} scale={[1.6, 0.4, 1]} raycast={() => null} renderOrder={10}>
        <spriteMaterial map={label} depthTest={false} transparent />
      </sprite>
    </group>
  );
}
