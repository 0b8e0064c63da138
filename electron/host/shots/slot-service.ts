import { eq } from 'drizzle-orm';
import { SLOT_COUNT } from '../../../shared/schemas/shots.js';
import { shots } from '../db/schema.js';
import { badRequest } from '../errors.js';
import type { ShotsDeps } from './deps.js';
import type { ProjectService } from './project-service.js';
import { slotsOf, type ShotsReader } from './rows.js';
import type { ShotService } from './shot-service.js';

/** The slot system: three reference slots per shot, each an ingredient of the shot's project. */
export class SlotService {
  constructor(
    private readonly deps: ShotsDeps,
    private readonly reader: ShotsReader,
    private readonly projects: ProjectService,
    private readonly shotService: ShotService,
  ) {}

  assign(shotId: string, slot: number, ingredientId: string) {
    if (!Number.isInteger(slot) || slot < 1 || slot > SLOT_COUNT) throw badRequest(`Slot must be 1–${SLOT_COUNT}; Veo 3.1 takes at most ${SLOT_COUNT} reference images`);
    const { shot, scene } = this.reader.shot(shotId);
    const ing = this.reader.ingredient(ingredientId);
    if (ing.projectId !== scene.projectId) throw badRequest(`Ingredient "${ing.name}" belongs to another project`);
    const slots = slotsOf(shot);
    const already = slots.indexOf(ingredientId);
    // The same reference twice would waste one of the three; moving it to the new slot is what a drag means.
    if (already !== -1 && already !== slot - 1) slots[already] = null;
    slots[slot - 1] = ingredientId;
    return this.write(shotId, scene.projectId, slots);
  }

  clear(shotId: string, slot: number) {
    if (!Number.isInteger(slot) || slot < 1 || slot > SLOT_COUNT) throw badRequest(`Slot must be 1–${SLOT_COUNT}`);
    const { shot, scene } = this.reader.shot(shotId);
    const slots = slotsOf(shot);
    slots[slot - 1] = null;
    return this.write(shotId, scene.projectId, slots);
  }

  private write(shotId: string, projectId: string, slots: (string | null)[]) {
    this.deps.database.db
      .update(shots)
      .set({ assignedIngredients: [slots[0] ?? null, slots[1] ?? null, slots[2] ?? null], updatedAt: Date.now() })
      .where(eq(shots.id, shotId))
      .run();
    this.projects.touch(projectId);
    return this.shotService.get(shotId);
  }
}
