import type { ColliderKind, MaterialType, RecipeShape } from './recipe.js';

/**
 * The documented vocabulary of the offline recipe composer (compose-recipe.ts). Plain tables so
 * the UI can list what the composer understands, and so the LLM prompt can name the same shapes.
 */

export interface ShapeEntry {
  /** Words (singular; plurals are matched too) that ask for this shape; multi-word phrases allowed. */
  words: readonly string[];
  /** Typical bounding box [x, y, z] in metres. */
  size: readonly [number, number, number];
  material: MaterialType;
  /** Second material (legs, hoops, roof, trunk…) where the template has one. */
  secondary?: MaterialType;
  /** Solid fraction of the bounding box, for a mass estimate before the mesh exists. */
  fill: number;
  body: 'dynamic' | 'static';
  collider: ColliderKind;
  pickup: boolean;
  /** Default generation parameters the template reads (inspector controls). */
  params: Readonly<Record<string, number>>;
}

export const SHAPES: Readonly<Record<RecipeShape, ShapeEntry>> = {
  box: { words: ['box', 'cube', 'block', 'brick block'], size: [0.5, 0.5, 0.5], material: 'plastic', fill: 0.25, body: 'dynamic', collider: 'box', pickup: true, params: { bevel: 0.02 } },
  cylinder: { words: ['cylinder', 'pipe', 'tube', 'can', 'drum'], size: [0.4, 0.8, 0.4], material: 'metal', fill: 0.5, body: 'dynamic', collider: 'convex_hull', pickup: true, params: { segments: 16 } },
  sphere: { words: ['sphere', 'ball', 'orb', 'globe'], size: [0.4, 0.4, 0.4], material: 'rubber', fill: 0.52, body: 'dynamic', collider: 'convex_hull', pickup: true, params: { segments: 16 } },
  crate: { words: ['crate', 'chest', 'supply box', 'wooden box'], size: [0.8, 0.8, 0.8], material: 'wood', secondary: 'metal', fill: 0.35, body: 'dynamic', collider: 'box', pickup: true, params: { slats: 4, frame: 0.08 } },
  barrel: { words: ['barrel', 'keg', 'cask', 'oil drum'], size: [0.6, 0.9, 0.6], material: 'wood', secondary: 'metal', fill: 0.25, body: 'dynamic', collider: 'convex_hull', pickup: true, params: { hoops: 3, bulge: 0.12, segments: 16 } },
  table: { words: ['table', 'desk', 'workbench'], size: [1.4, 0.75, 0.8], material: 'wood', fill: 0.12, body: 'dynamic', collider: 'convex_hull', pickup: false, params: { legs: 4, topThickness: 0.05, legWidth: 0.07 } },
  chair: { words: ['chair', 'stool', 'seat', 'throne'], size: [0.5, 0.95, 0.5], material: 'wood', fill: 0.1, body: 'dynamic', collider: 'convex_hull', pickup: true, params: { backHeight: 0.5, legWidth: 0.05 } },
  lamp: { words: ['lamp', 'street lamp', 'lamppost', 'lamp post', 'lantern', 'light pole', 'torch'], size: [0.4, 1.6, 0.4], material: 'metal', secondary: 'glass', fill: 0.08, body: 'dynamic', collider: 'convex_hull', pickup: false, params: { shadeRadius: 0.18, segments: 12 } },
  rock: { words: ['rock', 'boulder', 'stone', 'pebble'], size: [0.9, 0.6, 0.8], material: 'stone', fill: 0.5, body: 'dynamic', collider: 'convex_hull', pickup: false, params: { roughness: 0.25, detail: 2 } },
  tree: { words: ['tree', 'pine', 'oak tree', 'palm', 'bush', 'shrub'], size: [2.5, 5, 2.5], material: 'foliage', secondary: 'bark', fill: 0.2, body: 'static', collider: 'convex_hull', pickup: false, params: { trunkRatio: 0.35, canopyLayers: 3, segments: 10 } },
  bench: { words: ['bench', 'park bench', 'pew'], size: [1.6, 0.85, 0.5], material: 'wood', secondary: 'metal', fill: 0.12, body: 'dynamic', collider: 'convex_hull', pickup: false, params: { slats: 4, backrest: 1 } },
  bottle: { words: ['bottle', 'flask', 'potion'], size: [0.09, 0.3, 0.09], material: 'glass', fill: 0.3, body: 'dynamic', collider: 'convex_hull', pickup: true, params: { neck: 0.35, segments: 16 } },
  vase: { words: ['vase', 'pot', 'urn', 'jar', 'amphora'], size: [0.35, 0.5, 0.35], material: 'ceramic', fill: 0.2, body: 'dynamic', collider: 'convex_hull', pickup: true, params: { belly: 0.45, segments: 20 } },
  cone: { words: ['cone', 'traffic cone', 'pyramid', 'spike'], size: [0.4, 0.7, 0.4], material: 'plastic', fill: 0.33, body: 'dynamic', collider: 'convex_hull', pickup: true, params: { segments: 16 } },
  wall: { words: ['wall', 'barrier', 'partition'], size: [4, 2.5, 0.3], material: 'brick', fill: 1, body: 'static', collider: 'box', pickup: false, params: { courses: 10, crenels: 0 } },
  tower: { words: ['tower', 'watchtower', 'turret', 'lighthouse', 'castle'], size: [4, 12, 4], material: 'stone', secondary: 'wood', fill: 0.45, body: 'static', collider: 'convex_hull', pickup: false, params: { floors: 3, crenels: 8, segments: 12 } },
  house: { words: ['house', 'hut', 'cabin', 'cottage', 'shed', 'building', 'home'], size: [6, 5, 5], material: 'wood', secondary: 'brick', fill: 0.5, body: 'static', collider: 'trimesh', pickup: false, params: { roofPitch: 0.45, windows: 2, door: 1 } },
  bridge: { words: ['bridge', 'footbridge', 'walkway'], size: [8, 1.5, 2.5], material: 'wood', secondary: 'stone', fill: 0.2, body: 'static', collider: 'trimesh', pickup: false, params: { planks: 16, railHeight: 1, arch: 0.3 } },
  pillar: { words: ['pillar', 'column', 'obelisk', 'post', 'pole'], size: [0.6, 3, 0.6], material: 'stone', fill: 0.8, body: 'static', collider: 'convex_hull', pickup: false, params: { flutes: 0, segments: 16 } },
  stairs: { words: ['stairs', 'staircase', 'steps', 'stair'], size: [1.2, 1.5, 2.4], material: 'stone', fill: 0.5, body: 'static', collider: 'trimesh', pickup: false, params: { steps: 8 } },
  fence: { words: ['fence', 'railing', 'picket fence', 'palisade'], size: [3, 1.1, 0.1], material: 'wood', fill: 0.3, body: 'static', collider: 'box', pickup: false, params: { posts: 6, rails: 2 } },
  arch: { words: ['arch', 'archway', 'gate', 'portal', 'doorway'], size: [3, 3.5, 0.6], material: 'stone', fill: 0.4, body: 'static', collider: 'trimesh', pickup: false, params: { segments: 12, thickness: 0.5 } },
  humanoid: { words: ['person', 'man', 'woman', 'human', 'humanoid', 'character', 'figure', 'npc', 'villager', 'knight', 'soldier', 'guard', 'wizard', 'mannequin', 'zombie', 'statue'], size: [0.6, 1.8, 0.35], material: 'fabric', secondary: 'leather', fill: 0.25, body: 'dynamic', collider: 'convex_hull', pickup: false, params: { headRatio: 0.13, shoulder: 0.45 } },
  robot: { words: ['robot', 'android', 'mech', 'droid', 'golem'], size: [0.7, 1.9, 0.45], material: 'painted_metal', secondary: 'metal', fill: 0.3, body: 'dynamic', collider: 'convex_hull', pickup: false, params: { headRatio: 0.14, shoulder: 0.55 } },
  hill: { words: ['hill', 'slope', 'knoll', 'mountain'], size: [20, 5, 20], material: 'ground', fill: 0.3, body: 'static', collider: 'trimesh', pickup: false, params: { falloff: 2, noise: 0.15, resolution: 24 } },
  crater: { words: ['crater', 'pit', 'hole', 'impact'], size: [14, 2, 14], material: 'ground', fill: 0.2, body: 'static', collider: 'trimesh', pickup: false, params: { rim: 0.35, depth: 0.6, resolution: 24 } },
  mound: { words: ['mound', 'dune', 'heap', 'pile'], size: [6, 1.5, 6], material: 'sand', fill: 0.35, body: 'static', collider: 'trimesh', pickup: false, params: { falloff: 1.5, noise: 0.1, resolution: 20 } },
  plateau: { words: ['plateau', 'mesa', 'platform', 'terrace', 'cliff'], size: [16, 4, 16], material: 'stone', fill: 0.6, body: 'static', collider: 'trimesh', pickup: false, params: { edge: 0.2, noise: 0.1, resolution: 24 } },
  ridge: { words: ['ridge', 'embankment', 'berm', 'levee', 'valley'], size: [24, 3, 6], material: 'ground', fill: 0.3, body: 'static', collider: 'trimesh', pickup: false, params: { falloff: 2, noise: 0.12, resolution: 24 } },
};

export interface MaterialEntry {
  words: readonly string[];
  color: string;
  roughness: number;
  metalness: number;
  /** kg/m³ of the solid material. */
  density: number;
}

export const MATERIALS: Readonly<Record<MaterialType, MaterialEntry>> = {
  wood: { words: ['wood', 'wooden', 'oak', 'pine wood', 'timber', 'plank'], color: '#9a6b3f', roughness: 0.8, metalness: 0, density: 650 },
  painted_wood: { words: ['painted wood', 'painted'], color: '#b8553a', roughness: 0.6, metalness: 0, density: 650 },
  metal: { words: ['metal', 'metallic', 'steel', 'iron', 'aluminium', 'aluminum', 'chrome', 'tin'], color: '#8d949b', roughness: 0.35, metalness: 1, density: 7800 },
  painted_metal: { words: ['painted metal', 'sheet metal'], color: '#3f6f9a', roughness: 0.55, metalness: 0.6, density: 7800 },
  rust: { words: ['rust', 'rusty', 'rusted', 'corroded'], color: '#8b4a2b', roughness: 0.9, metalness: 0.4, density: 7800 },
  stone: { words: ['stone', 'granite', 'marble', 'rocky', 'cobblestone'], color: '#8a8782', roughness: 0.9, metalness: 0, density: 2500 },
  brick: { words: ['brick', 'bricks', 'masonry'], color: '#9c4a36', roughness: 0.9, metalness: 0, density: 1900 },
  concrete: { words: ['concrete', 'cement'], color: '#a3a19c', roughness: 0.95, metalness: 0, density: 2300 },
  fabric: { words: ['fabric', 'cloth', 'cotton', 'wool', 'velvet', 'canvas', 'soft', 'plush'], color: '#6b7fa8', roughness: 1, metalness: 0, density: 300 },
  leather: { words: ['leather'], color: '#6e4a2e', roughness: 0.7, metalness: 0, density: 860 },
  foliage: { words: ['leafy', 'foliage', 'leaves', 'grassy', 'mossy', 'moss'], color: '#4f7f35', roughness: 0.9, metalness: 0, density: 400 },
  bark: { words: ['bark'], color: '#5a4030', roughness: 1, metalness: 0, density: 700 },
  plastic: { words: ['plastic', 'toy'], color: '#d9d4c7', roughness: 0.45, metalness: 0, density: 950 },
  rubber: { words: ['rubber', 'bouncy'], color: '#2e2e2e', roughness: 0.95, metalness: 0, density: 1100 },
  glass: { words: ['glass', 'crystal', 'transparent'], color: '#a9d3dc', roughness: 0.05, metalness: 0, density: 2500 },
  ceramic: { words: ['ceramic', 'porcelain', 'clay', 'terracotta'], color: '#c98b62', roughness: 0.4, metalness: 0, density: 2300 },
  gold: { words: ['gold', 'golden', 'gilded'], color: '#d4a437', roughness: 0.25, metalness: 1, density: 19300 },
  ground: { words: ['dirt', 'earth', 'soil', 'mud', 'grass'], color: '#6d7d45', roughness: 1, metalness: 0, density: 1600 },
  sand: { words: ['sand', 'sandy', 'desert'], color: '#d8c28a', roughness: 1, metalness: 0, density: 1600 },
  snow: { words: ['snow', 'snowy', 'icy', 'ice', 'frozen'], color: '#eef3f7', roughness: 0.6, metalness: 0, density: 500 },
};

/**
 * Density to use for the mass of a modelled object: metal objects are sheets and frames, not solid
 * blocks (a solid steel barrel would weigh 600 kg), so dense metals count at a shell fraction.
 */
export function effectiveDensity(type: MaterialType): number {
  const d = MATERIALS[type].density;
  return type === 'metal' || type === 'painted_metal' || type === 'rust' || type === 'gold' ? d * 0.12 : d;
}

export const COLOURS: Readonly<Record<string, string>> = {
  red: '#b83a32', crimson: '#9b1b30', orange: '#d9772b', yellow: '#e0c23a', green: '#4f8a3a', teal: '#2f8a86', cyan: '#3ab0c8',
  blue: '#3a62b8', navy: '#22335e', purple: '#6e3ab8', violet: '#7f4fc9', pink: '#d96ea3', magenta: '#c23a9e', brown: '#7a5232',
  black: '#1f1f1f', white: '#eeeeee', grey: '#808080', gray: '#808080', silver: '#c0c4c8', beige: '#d8c9a3', tan: '#c2a072',
};

/** Multipliers on the typical size: [x, y, z]. */
export const SIZE_WORDS: Readonly<Record<string, readonly [number, number, number]>> = {
  tiny: [0.35, 0.35, 0.35], miniature: [0.35, 0.35, 0.35], small: [0.65, 0.65, 0.65], little: [0.65, 0.65, 0.65],
  big: [1.5, 1.5, 1.5], large: [1.5, 1.5, 1.5], huge: [2.5, 2.5, 2.5], giant: [2.5, 2.5, 2.5], enormous: [3, 3, 3],
  massive: [2.5, 2.5, 2.5], colossal: [4, 4, 4], tall: [1, 1.6, 1], high: [1, 1.6, 1], short: [1, 0.6, 1], low: [1, 0.6, 1],
  squat: [1.2, 0.6, 1.2], wide: [1.5, 1, 1], broad: [1.5, 1, 1], narrow: [0.6, 1, 0.6], thin: [0.6, 1, 0.6], slim: [0.7, 1, 0.7],
  long: [1, 1, 1.6], fat: [1.4, 1, 1.4], chunky: [1.3, 1, 1.3],
};

/** Adjectives that change surface, physics or behaviour rather than size. */
export interface AdjectiveEffect {
  roughness?: number;
  massFactor?: number;
  body?: 'dynamic' | 'static';
  restitution?: number;
  friction?: number;
  breakable?: boolean;
  throwable?: boolean;
  style?: string;
}

export const ADJECTIVES: Readonly<Record<string, AdjectiveEffect>> = {
  old: { roughness: 0.95, style: 'worn' }, worn: { roughness: 0.95, style: 'worn' }, weathered: { roughness: 0.95, style: 'weathered' },
  ancient: { roughness: 0.95, style: 'ancient' }, broken: { breakable: true, style: 'broken' }, damaged: { roughness: 0.9, style: 'damaged' },
  shiny: { roughness: 0.15 }, polished: { roughness: 0.15 }, glossy: { roughness: 0.1 }, matte: { roughness: 0.95 },
  heavy: { massFactor: 2 }, light: { massFactor: 0.5 }, lightweight: { massFactor: 0.5 }, hollow: { massFactor: 0.4 },
  fixed: { body: 'static' }, anchored: { body: 'static' }, immovable: { body: 'static' }, static: { body: 'static' },
  movable: { body: 'dynamic' }, physics: { body: 'dynamic' }, bouncy: { restitution: 0.85 }, slippery: { friction: 0.05 },
  sticky: { friction: 1 }, fragile: { breakable: true }, breakable: { breakable: true }, throwable: { throwable: true },
  lowpoly: { style: 'lowpoly' }, 'low-poly': { style: 'lowpoly' }, toon: { style: 'toon' }, cartoon: { style: 'toon' },
  realistic: { style: 'semi-realistic' }, medieval: { style: 'medieval' }, futuristic: { style: 'sci-fi' }, 'sci-fi': { style: 'sci-fi' },
  industrial: { style: 'industrial' }, rustic: { style: 'rustic' },
};
