import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { RouteBody } from '../../../../shared/routes.js';
import type { IngredientType, ProjectBoard, SlotIds } from '../../../../shared/schemas/shots.js';
import { api } from '../../../api/client.js';
import { upsertJob } from '../../../jobs/cache.js';
import { newIdempotencyKey } from '../../../jobs/idempotency.js';
import { getBoard, moveId, setBoard, withShot, withSlots } from './board-cache.js';
import { shotsKeys } from './keys.js';
import { fileToBase64, uploadIngredient } from './transfer.js';

const refresh = (qc: QueryClient, projectId?: string): void => {
  void qc.invalidateQueries({ queryKey: shotsKeys.projects });
  if (projectId) {
    void qc.invalidateQueries({ queryKey: shotsKeys.board(projectId) });
    void qc.invalidateQueries({ queryKey: shotsKeys.ingredients(projectId) });
  }
};

/* ---------- projects ---------- */

export function useProjects() {
  return useQuery({ queryKey: shotsKeys.projects, queryFn: ({ signal }) => api.call('shots.projects.list', { signal }) });
}

export function useCreateProject() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RouteBody<'shots.projects.create'>) => api.call('shots.projects.create', { body }),
    onSuccess: () => refresh(qc),
  });
}

export function useUpdateProject() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: RouteBody<'shots.projects.update'> }) => api.call('shots.projects.update', { params: { id }, body }),
    onSuccess: (p) => refresh(qc, p.id),
  });
}

export function useDeleteProject() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.call('shots.projects.delete', { params: { id } }),
    onSuccess: () => refresh(qc),
  });
}

export async function restoreProject(qc: QueryClient, id: string): Promise<void> {
  await api.call('shots.projects.restore', { params: { id } });
  refresh(qc, id);
}

/* ---------- the board ---------- */

export function useBoard(projectId: string) {
  return useQuery({ queryKey: shotsKeys.board(projectId), queryFn: ({ signal }) => api.call('shots.projects.get', { params: { id: projectId }, signal }) });
}

/** Which job kinds this host runs: a button whose job kind is missing is not shown. */
export function useJobKinds() {
  return useQuery({
    queryKey: shotsKeys.jobKinds,
    queryFn: ({ signal }) => api.call('jobs.kinds', { signal }),
    staleTime: 5 * 60_000,
    select: (d) => new Set(d.kinds.map((k) => k.kind)),
  });
}

/* ---------- script import ---------- */

export type ScriptSource = { kind: 'file'; file: File } | { kind: 'paste'; text: string; fileName?: string };

export function useParseScript() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (input: { source: ScriptSource; projectId: string; mode: 'append' | 'replace'; breakdown: boolean }) => {
      const { source, projectId, mode, breakdown } = input;
      const body: RouteBody<'scripts.parse'> =
        source.kind === 'file'
          ? { base64: await fileToBase64(source.file), fileName: source.file.name, projectId, mode, breakdown }
          : { text: source.text, ...(source.fileName ? { fileName: source.fileName } : {}), projectId, mode, breakdown };
      return api.call('scripts.parse', { body });
    },
    onSuccess: (res, { projectId }) => {
      qc.setQueryData(shotsKeys.screenplay(projectId), res.document);
      refresh(qc, projectId);
    },
  });
}

/** Sluglines + scene text put back together and parsed again, for the screenplay view of a stored project. */
export function useScreenplay(projectId: string, board: ProjectBoard | undefined, enabled: boolean) {
  const text = (board?.scenes ?? [])
    .map((s) => {
      // rawContent usually starts with the heading as written (maybe forced with '.', maybe with #1#).
      const body = s.rawContent ?? '';
      return body.trimStart().replace(/^\./, '').toUpperCase().startsWith(s.slugline.toUpperCase()) ? body : `${s.slugline}\n\n${body}`;
    })
    .join('\n\n');
  return useQuery({
    queryKey: [...shotsKeys.screenplay(projectId), text.length, board?.scenes.map((s) => s.updatedAt).join()],
    queryFn: async ({ signal }) => (await api.call('scripts.parse', { body: { text, fileName: 'project.fountain', mode: 'append', breakdown: false }, signal })).document,
    enabled: enabled && text.trim().length > 0,
    staleTime: Infinity,
  });
}

/* ---------- scenes ---------- */

export function useSceneActions(projectId: string) {
  const qc = useQueryClient();
  const done = () => refresh(qc, projectId);
  const rename = useMutation({
    mutationFn: ({ id, slugline }: { id: string; slugline: string }) => api.call('shots.scenes.update', { params: { id }, body: { slugline } }),
    onSuccess: done,
  });
  const create = useMutation({
    mutationFn: (slugline: string) => api.call('shots.projects.createScene', { params: { id: projectId }, body: { slugline, rawContent: null } }),
    onSuccess: done,
  });
  const remove = useMutation({ mutationFn: (id: string) => api.call('shots.scenes.delete', { params: { id } }), onSuccess: done });
  const restore = async (id: string) => {
    await api.call('shots.scenes.restore', { params: { id } });
    done();
  };
  const reorder = useMutation({
    mutationFn: (ids: string[]) => api.call('shots.projects.reorderScenes', { params: { id: projectId }, body: { ids } }),
    onMutate: (ids) => {
      const before = getBoard(qc, projectId);
      setBoard(qc, projectId, (b) => ({
        ...b,
        scenes: ids.flatMap((id, order) => {
          const s = b.scenes.find((x) => x.id === id);
          return s ? [{ ...s, order }] : [];
        }),
      }));
      return { before };
    },
    onError: (_e, _ids, ctx) => ctx?.before && qc.setQueryData(shotsKeys.board(projectId), ctx.before),
    onSuccess: (board) => qc.setQueryData(shotsKeys.board(projectId), board),
  });
  const breakdown = useMutation({
    mutationFn: (id: string) => api.call('shots.scenes.breakdown', { params: { id }, headers: { 'Idempotency-Key': newIdempotencyKey() } }),
    onSuccess: (job) => {
      upsertJob(qc, job);
      done();
    },
  });
  const animatic = useMutation({
    mutationFn: (id: string) => api.call('shots.scenes.animatic', { params: { id }, headers: { 'Idempotency-Key': newIdempotencyKey() } }),
    onSuccess: (job) => upsertJob(qc, job),
  });
  return { rename, create, remove, restore, reorder, breakdown, animatic };
}

/* ---------- shots ---------- */

export function useShotActions(projectId: string) {
  const qc = useQueryClient();
  const done = () => refresh(qc, projectId);
  const update = useMutation({
    mutationFn: ({ id, body }: { id: string; body: RouteBody<'shots.update'> }) => api.call('shots.update', { params: { id }, body }),
    onSuccess: ({ shot, warnings }) => setBoard(qc, projectId, (b) => withShot(b, shot, warnings)),
  });
  const create = useMutation({
    mutationFn: ({ sceneId, description }: { sceneId: string; description: string }) =>
      api.call('shots.scenes.createShot', { params: { id: sceneId }, body: { description, duration: null, shotType: null, camera: null, characters: [] } }),
    onSuccess: done,
  });
  const remove = useMutation({ mutationFn: (id: string) => api.call('shots.delete', { params: { id } }), onSuccess: done });
  const restore = async (id: string) => {
    await api.call('shots.restore', { params: { id } });
    done();
  };
  const reorder = useMutation({
    mutationFn: ({ sceneId, ids }: { sceneId: string; ids: string[] }) => api.call('shots.scenes.reorderShots', { params: { id: sceneId }, body: { ids } }),
    onMutate: ({ sceneId, ids }) => {
      const before = getBoard(qc, projectId);
      setBoard(qc, projectId, (b) => ({
        ...b,
        scenes: b.scenes.map((s) =>
          s.id !== sceneId ? s : { ...s, shots: ids.flatMap((id, order) => s.shots.filter((x) => x.id === id).map((x) => ({ ...x, order }))) },
        ),
      }));
      return { before };
    },
    onError: (_e, _v, ctx) => ctx?.before && qc.setQueryData(shotsKeys.board(projectId), ctx.before),
    onSuccess: (board) => qc.setQueryData(shotsKeys.board(projectId), board),
  });
  const generate = useMutation({
    mutationFn: (id: string) => api.call('shots.generateFlow', { params: { id }, headers: { 'Idempotency-Key': newIdempotencyKey() } }),
    onSuccess: (job) => {
      upsertJob(qc, job);
      done();
    },
  });
  return { update, create, remove, restore, reorder, generate };
}

/** Slot changes are optimistic: the board shows the new slot at once and rolls back if the host refuses. */
export function useSlotMutation(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ shotId, slot, ingredientId }: { shotId: string; slot: number; ingredientId: string | null }) =>
      ingredientId
        ? api.call('shots.slots.assign', { params: { id: shotId, slot }, body: { ingredientId } })
        : api.call('shots.slots.clear', { params: { id: shotId, slot } }),
    onMutate: async ({ shotId, slot, ingredientId }) => {
      await qc.cancelQueries({ queryKey: shotsKeys.board(projectId) });
      const before = getBoard(qc, projectId);
      const shot = before?.scenes.flatMap((s) => s.shots).find((s) => s.id === shotId);
      if (shot) {
        const slots = [...shot.slots] as SlotIds;
        slots[slot - 1] = ingredientId;
        setBoard(qc, projectId, (b) => withSlots(b, shotId, slots));
      }
      return { before };
    },
    onError: (_e, _v, ctx) => ctx?.before && qc.setQueryData(shotsKeys.board(projectId), ctx.before),
    onSuccess: ({ shot, warnings }) => {
      setBoard(qc, projectId, (b) => withShot(b, shot, warnings));
      void qc.invalidateQueries({ queryKey: shotsKeys.ingredients(projectId) });
    },
  });
}

export { moveId };

/* ---------- ingredients ---------- */

export function useIngredients(projectId: string, filter: { type?: IngredientType; q?: string }) {
  return useQuery({
    queryKey: shotsKeys.ingredientList(projectId, filter),
    queryFn: ({ signal }) => api.call('shots.projects.ingredients', { params: { id: projectId }, query: filter, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useIngredientActions(projectId: string) {
  const qc = useQueryClient();
  const done = () => refresh(qc, projectId);
  const upload = useMutation({
    mutationFn: (input: { type: IngredientType; name?: string; file: File }) => uploadIngredient({ projectId, ...input }),
    onSuccess: done,
  });
  const rename = useMutation({
    mutationFn: ({ id, name }: { id: string; name: string }) => api.call('shots.ingredients.update', { params: { id }, body: { name } }),
    onSuccess: done,
  });
  const remove = useMutation({
    mutationFn: ({ id, confirm }: { id: string; confirm: boolean }) =>
      api.call('shots.ingredients.delete', { params: { id }, query: { confirm: confirm ? 'true' : 'false' } }),
    onSuccess: done,
  });
  const restore = async (id: string) => {
    await api.call('shots.ingredients.restore', { params: { id } });
    done();
  };
  return { upload, rename, remove, restore };
}
