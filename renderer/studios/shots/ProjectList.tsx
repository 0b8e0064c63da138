import { useState, type FormEvent } from 'react';
import { AspectRatio, Resolution } from '../../../shared/schemas/shots.js';
import { useRouter } from '../../app/router.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorBanner } from '../../components/ErrorBanner.js';
import { Loading } from '../../components/Loading.js';
import { errorMessage } from '../../api/errors.js';
import { useQueryClient } from '@tanstack/react-query';
import { restoreProject, useCreateProject, useDeleteProject, useProjects, useUpdateProject } from './api/hooks.js';
import { shotsPaths } from './nav.js';
import { InlineEdit } from './ui/InlineEdit.js';
import { plural } from './ui/format.js';
import { notify } from './ui/notices.js';

function CreateProject() {
  const create = useCreateProject();
  const navigate = useRouter((s) => s.navigate);
  const [name, setName] = useState('');
  const [resolution, setResolution] = useState<Resolution>('1080p');
  const [aspectRatio, setAspect] = useState<AspectRatio>('16:9');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ name, resolution, aspectRatio, veoVersion: '3.1' }, { onSuccess: (p) => navigate(shotsPaths.project(p.id)) });
  };
  return (
    <form className="card shots-create" onSubmit={submit} aria-label="New project">
      <label>
        <span>Project name</span>
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder="The Long Night" required maxLength={200} />
      </label>
      <label>
        <span>Resolution</span>
        <select value={resolution} onChange={(e) => setResolution(e.target.value as Resolution)}>
          {Resolution.options.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </label>
      <label>
        <span>Aspect ratio</span>
        <select value={aspectRatio} onChange={(e) => setAspect(e.target.value as AspectRatio)}>
          {AspectRatio.options.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </label>
      <button type="submit" className="btn btn-cta" disabled={create.isPending || !name.trim()}>
        {create.isPending ? 'Creating…' : 'Create project'}
      </button>
      {create.error ? <ErrorBanner error={create.error} title="Could not create the project" /> : null}
    </form>
  );
}

export function ProjectList() {
  const projects = useProjects();
  const rename = useUpdateProject();
  const remove = useDeleteProject();
  const qc = useQueryClient();
  const navigate = useRouter((s) => s.navigate);

  const onDelete = (id: string, name: string) =>
    remove.mutate(id, {
      onSuccess: () => notify.undo(`Project “${name}” deleted.`, () => restoreProject(qc, id)),
      onError: (err) => notify.error(`Could not delete “${name}”: ${errorMessage(err)}`),
    });

  return (
    <div className="shots-projects">
      <CreateProject />
      {projects.isPending ? <Loading label="Loading projects…" /> : null}
      {projects.error ? <ErrorBanner error={projects.error} title="Could not load projects" onRetry={() => void projects.refetch()} /> : null}
      {projects.data?.projects.length === 0 ? (
        <EmptyState title="No projects yet">Create one above, then import a screenplay into it.</EmptyState>
      ) : null}
      <ul className="shots-project-list" aria-label="Projects">
        {projects.data?.projects.map((p) => (
          <li key={p.id} className="card shots-project" data-testid="shots-project">
            <div className="shots-project-main">
              <InlineEdit value={p.name} label="Project name" onSave={(name) => rename.mutateAsync({ id: p.id, body: { name } })} className="shots-project-name" />
              <p className="muted small">
                {plural(p.sceneCount, 'scene')} · {plural(p.shotCount, 'shot')} · {plural(p.ingredientCount, 'ingredient')} · {p.resolution} {p.aspectRatio} · Veo {p.veoVersion}
              </p>
            </div>
            <div className="shots-row-actions">
              <button type="button" className="btn btn-secondary" onClick={() => navigate(shotsPaths.project(p.id))}>
                Open
              </button>
              <button type="button" className="btn btn-ghost" aria-label={`Delete project ${p.name}`} onClick={() => onDelete(p.id, p.name)}>
                Delete
              </button>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
