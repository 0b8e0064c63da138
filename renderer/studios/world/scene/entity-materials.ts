import { BoxGeometry, CanvasTexture, Group, Mesh, MeshBasicMaterial, MeshStandardMaterial, SRGBColorSpace, Sprite, SpriteMaterial, type Camera, type Scene, type WebGLRenderer } from 'three';

/**
 * The materials every entity shows before (or instead of) its model: the placeholder box, the
 * selection outline and the draft / failed badge.
 *
 * Why shared and warmed: three.js frees a shader program when the last material using it is
 * disposed, so once every placeholder in a world had turned into its model, the next spawn
 * compiled the placeholder, badge and outline programs again in the frame that should show it
 * (0.1–0.7 s on a software renderer, a visible hitch on any GPU). The outline and badges are one
 * instance each for the session; the placeholder keeps a colour per entity, so a never-disposed
 * twin compiled against the scene at start-up holds its program.
 */

const FAILED_COLOR = '#b04040';

/** The placeholder box's material parameters (seed §6 Step B: right size and colour, see-through until the asset lands). */
export function placeholderMaterialProps(color: string, failed: boolean): { color: string; roughness: number; transparent: true; opacity: number } {
  return { color: failed ? FAILED_COLOR : color, roughness: 0.8, transparent: true, opacity: 0.85 };
}

/** The yellow wireframe around a selected entity: one instance for every selection box. */
export const selectionMaterial = new MeshBasicMaterial({ color: '#ffcc33', wireframe: true });

const badgeMaterials = new Map<'draft' | 'failed', SpriteMaterial>();

/** A "draft" / "failed" tag drawn once into a texture (a sprite, so no DOM overlay per object). */
function badgeTexture(status: 'draft' | 'failed'): CanvasTexture {
  const c = document.createElement('canvas');
  c.width = 128;
  c.height = 48;
  const g = c.getContext('2d')!;
  g.fillStyle = status === 'failed' ? '#c94848' : '#d9a441';
  g.beginPath();
  g.roundRect(2, 2, 124, 44, 20);
  g.fill();
  g.fillStyle = status === 'failed' ? '#ffffff' : '#222222';
  g.font = 'bold 26px sans-serif';
  g.textAlign = 'center';
  g.textBaseline = 'middle';
  g.fillText(status, 64, 25);
  const tex = new CanvasTexture(c);
  tex.colorSpace = SRGBColorSpace;
  return tex;
}

/** The badge sprite's material for a status: one instance per status for the session. */
export function badgeMaterial(status: 'draft' | 'failed'): SpriteMaterial {
  let m = badgeMaterials.get(status);
  if (!m) {
    m = new SpriteMaterial({ map: badgeTexture(status), depthTest: false, transparent: true });
    badgeMaterials.set(status, m);
  }
  return m;
}

const unitBox = new BoxGeometry(1, 1, 1);
let placeholderTwin: MeshStandardMaterial | null = null;

/**
 * Compiles the entity materials' programs against this scene's lights, fog and shadows, so the
 * first spawn's frame only draws. The objects are never added to the scene and nothing here is
 * disposed: holding the programs is the point.
 */
export function warmEntityPrograms(gl: WebGLRenderer, scene: Scene, camera: Camera): void {
  placeholderTwin ??= new MeshStandardMaterial(placeholderMaterialProps('#8a8f98', false));
  const group = new Group();
  const box = new Mesh(unitBox, placeholderTwin);
  box.castShadow = true;
  box.receiveShadow = true;
  group.add(box, new Mesh(unitBox, selectionMaterial), new Sprite(badgeMaterial('draft')), new Sprite(badgeMaterial('failed')));
  gl.compile(group, camera, scene);
}
