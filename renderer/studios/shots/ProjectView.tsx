import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { AspectRatio, Resolution, type Ingredient } from '../../../shared/schemas/shots.js';
import { useRouter } from '../../app/router.js';
import { ErrorBanner } from '../../components/ErrorBanner.js';
import { Loading } from '../../components/Loading.js';
import { errorMessage } from '../../api/errors.js';
import { moveId, restoreProject, useBoard, useDeleteProject, useJobKinds, useSceneActions, useUpdateProject } from './api/hooks.js';
import { downloadExport } from './api/transfer.js';
import { SceneCard } from './board/SceneCard.js';
import { IngredientLibrary } from './library/IngredientLibrary.js';
import { shotsPaths, type ProjectView as View } from './nav.js';
import { PayloadPanel } from './payload/PayloadPanel.js';
import { ProjectScreenplay } from './script/ProjectScreenplay.js';
import { ScriptImport } from './script/ScriptImport.js';
import { InlineEdit } from './ui/InlineEdit.js';
import { notify } from './ui/notices.js';

export function ProjectView({ projectId, view }: { projectId: string; view: View }) {
  const board = useBoard(projectId);
  const kinds = useJobKinds();
  const navigate = useRouter((s) => s.navigate);
  const update = useUpdateProject();
  const del = useDeleteProject();
  const scenes = useSceneActions(projectId);
  const qc = useQueryClient();
  const [importing, setImporting] = useState(false);
  const [newScene, setNewScene] = useState('');

  const ingredients = useMemo(() => new Map<string, Ingredient>((board.data?.ingredients ?? []).map((i) => [i.id, i])), [board.data?.ingredients]);

  if (board.isPending) return <Loading label="Loading the project…" />;
  if (board.error)
    return (
      <>
        <button type="button" className="btn btn-ghost" onClick={() => navigate(shotsPaths.list())}>
          ← All projects
        </button>
        <ErrorBanner error={board.error} title="Could not load this project" onRetry={() => void board.refetch()} />
      </>
    );

  const { project, warnings } = board.data;
  const sceneList = board.data.scenes;
  const sceneIds = sceneList.map((s) => s.id);
  const moveScene = (moved: string, before: string | null) => {
    const next = moveId(sceneIds, moved, before);
    if (next.join() !== sceneIds.join()) scenes.reorder.mutate(next, { onError: (err) => notify.error(`Scenes not reordered: ${errorMessage(err)}`) });
  };
  const breakdownAll = () => {
    for (const s of sceneList) scenes.breakdown.mutate(s.id, { onError: (err) => notify.error(`Breakdown of “${s.slugline}” not queued: ${errorMessage(err)}`) });
  };
  const exportProject = () =>
    downloadExport(`/shots/projects/${project.id}/export`, `${project.name}.zip`).then(
      (name) => notify.ok(`Exported ${name}.`),
      (err: unknown) => notify.error(`Export failed: ${errorMessage(err)}`),
    );
  const remove = () =>
    del.mutate(project.id, {
      onSuccess: () => {
        navigate(shotsPaths.list());
        notify.undo(`Project “${project.name}” deleted.`, () => restoreProject(qc, project.id));
      },
      onError: (err) => notify.error(`Could not delete the project: ${errorMessage(err)}`),
    });

  return (
    <div className="shots-project-view" data-testid="shots-project-view">
      <div className="shots-toolbar">
        <button type="button" className="btn btn-ghost" onClick={() => navigate(shotsPaths.list())}>
          ← All projects
        </button>
        <InlineEdit value={project.name} label="Project name" className="shots-project-title" onSave={(name) => update.mutateAsync({ id: project.id, body: { name } })} />
        <select aria-label="Resolution" value={project.resolution} onChange={(e) => update.mutate({ id: project.id, body: { resolution: e.target.value as Resolution } })}>
          {Resolution.options.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
        <select aria-label="Aspect ratio" value={project.aspectRatio} onChange={(e) => update.mutate({ id: project.id, body: { aspectRatio: e.target.value as AspectRatio } })}>
          {AspectRatio.options.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
        <span className="muted small">Veo {project.veoVersion}</span>
        <span className="shots-spacer" />
        <div className="shots-tabs" role="tablist" aria-label="View">
          <button type="button" role="tab" aria-selected={view === 'board'} onClick={() => navigate(shotsPaths.project(project.id, 'board'), { replace: true })}>
            Shots
          </button>
          <button type="button" role="tab" aria-selected={view === 'screenplay'} onClick={() => navigate(shotsPaths.project(project.id, 'screenplay'), { replace: true })}>
            Screenplay
          </button>
        </div>
      </div>
      <div className="shots-row-actions">
        <button type="button" className="btn btn-cta" onClick={() => setImporting((v) => !v)} aria-expanded={importing}>
          Import screenplay
        </button>
        {sceneList.length ? (
          <button type="button" className="btn btn-secondary" onClick={breakdownAll} disabled={scenes.breakdown.isPending}>
            Break down all scenes
          </button>
        ) : null}
        <button type="button" className="btn btn-secondary" onClick={() => void exportProject()}>
          Export project
        </button>
        <button type="button" className="btn btn-ghost" onClick={remove}>
          Delete project
        </button>
      </div>
      {importing ? <ScriptImport projectId={project.id} hasScenes={sceneList.length > 0} onDone={() => setImporting(false)} /> : null}
      {update.error ? <ErrorBanner error={update.error} title="Project not updated" /> : null}

      {view === 'screenplay' ? (
        <ProjectScreenplay projectId={project.id} board={board.data} />
      ) : (
        <div className="shots-layout">
          <div className="shots-scenes">
            {sceneList.length === 0 && !importing ? (
              <div className="empty-state">
                <p className="empty-title">No scenes yet</p>
                <p>Import a screenplay (.fountain, .txt or .fdx) to get its scenes, broken down into shots.</p>
              </div>
            ) : null}
            {sceneList.map((scene, i) => (
              <SceneCard
                key={scene.id}
                projectId={project.id}
                scene={scene}
                index={i}
                count={sceneList.length}
                ingredients={ingredients}
                warnings={warnings.filter((w) => w.sceneId === scene.id)}
                canAnimatic={!!kinds.data?.has('shots.animatic')}
                onMoveScene={moveScene}
                prevId={sceneList[i - 1]?.id ?? null}
                nextId={sceneList[i + 1]?.id ?? null}
              />
            ))}
            <form
              className="shots-add-shot"
              onSubmit={(e) => {
                e.preventDefault();
                const slugline = newScene.trim();
                if (slugline) scenes.create.mutate(slugline, { onSuccess: () => setNewScene(''), onError: (err) => notify.error(errorMessage(err)) });
              }}
            >
              <input value={newScene} onChange={(e) => setNewScene(e.target.value)} placeholder="INT. NEW SCENE - DAY" aria-label="New scene slugline" maxLength={200} />
              <button type="submit" className="btn btn-ghost btn-tight" disabled={!newScene.trim() || scenes.create.isPending}>
                Add scene
              </button>
            </form>
          </div>
          <IngredientLibrary projectId={project.id} />
        </div>
      )}
      <PayloadPanel projectId={project.id} board={board.data} />
    </div>
  );
}
