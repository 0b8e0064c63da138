import type { RecipeShape } from '../../../shared/world/recipe.js';
import type { Template } from './context.js';
import { humanoidTemplate, robotTemplate } from './characters.js';
import {
  barrelTemplate, benchTemplate, bottleTemplate, boxTemplate, chairTemplate, coneTemplate, crateTemplate, cylinderTemplate,
  lampTemplate, rockTemplate, sphereTemplate, tableTemplate, treeTemplate, vaseTemplate,
} from './props.js';
import { archTemplate, bridgeTemplate, fenceTemplate, houseTemplate, pillarTemplate, stairsTemplate, towerTemplate, wallTemplate } from './structures.js';
import { terrainTemplate } from './terrain.js';

/** The parametric template of every recipe shape (the type makes a missing one a compile error). */
export const TEMPLATES: Record<RecipeShape, Template> = {
  box: boxTemplate, cylinder: cylinderTemplate, sphere: sphereTemplate, cone: coneTemplate, crate: crateTemplate, barrel: barrelTemplate,
  table: tableTemplate, chair: chairTemplate, lamp: lampTemplate, rock: rockTemplate, tree: treeTemplate, bench: benchTemplate,
  bottle: bottleTemplate, vase: vaseTemplate,
  wall: wallTemplate, tower: towerTemplate, house: houseTemplate, bridge: bridgeTemplate, pillar: pillarTemplate, stairs: stairsTemplate,
  fence: fenceTemplate, arch: archTemplate,
  humanoid: humanoidTemplate, robot: robotTemplate,
  hill: terrainTemplate('hill'), crater: terrainTemplate('crater'), mound: terrainTemplate('mound'), plateau: terrainTemplate('plateau'),
  ridge: terrainTemplate('ridge'),
};
