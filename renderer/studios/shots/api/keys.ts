import type { IngredientType } from '../../../../shared/schemas/shots.js';

/** Query keys of the Shots studio: one board per project holds scenes, shots, ingredients and warnings. */
export const shotsKeys = {
  all: ['shots'] as const,
  projects: ['shots', 'projects'] as const,
  board: (projectId: string) => ['shots', 'board', projectId] as const,
  ingredients: (projectId: string) => ['shots', 'ingredients', projectId] as const,
  ingredientList: (projectId: string, filter: { type?: IngredientType; q?: string }) => ['shots', 'ingredients', projectId, filter] as const,
  screenplay: (projectId: string) => ['shots', 'screenplay', projectId] as const,
  jobKinds: ['jobs', 'kinds'] as const,
};
