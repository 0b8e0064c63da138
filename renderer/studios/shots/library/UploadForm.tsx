import { useRef, useState, type FormEvent } from 'react';
import { IngredientType } from '../../../../shared/schemas/shots.js';
import { errorMessage } from '../../../api/errors.js';
import { useIngredientActions } from '../api/hooks.js';
import { notify } from '../ui/notices.js';

const ACCEPT = 'image/png,image/jpeg,image/webp,video/mp4,video/webm';

/** Upload one or more references of a type; the host checks the bytes (magic numbers) and size. */
export function UploadForm({ projectId }: { projectId: string }) {
  const { upload } = useIngredientActions(projectId);
  const [type, setType] = useState<IngredientType>('Character');
  const [name, setName] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [errors, setErrors] = useState<string[]>([]);
  const input = useRef<HTMLInputElement>(null);

  const send = async (chosen: File[]) => {
    setErrors([]);
    const failed: string[] = [];
    for (const file of chosen) {
      try {
        await upload.mutateAsync({ type, file, ...(chosen.length === 1 && name.trim() ? { name } : {}) });
      } catch (err) {
        failed.push(`${file.name}: ${errorMessage(err)}`);
      }
    }
    setErrors(failed);
    const ok = chosen.length - failed.length;
    if (ok > 0) notify.ok(`${ok} ${type.toLowerCase()} reference${ok === 1 ? '' : 's'} added.`);
    if (!failed.length) {
      setFiles([]);
      setName('');
      if (input.current) input.current.value = '';
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (files.length) void send(files);
  };

  return (
    <form
      className="shots-upload"
      onSubmit={submit}
      aria-label="Upload a reference"
      onDragOver={(e) => {
        if (e.dataTransfer.types.includes('Files')) e.preventDefault();
      }}
      onDrop={(e) => {
        if (!e.dataTransfer.files.length) return;
        e.preventDefault();
        void send(Array.from(e.dataTransfer.files));
      }}
    >
      <div className="shots-upload-row">
        <label>
          <span className="sr-only">Type</span>
          <select aria-label="Ingredient type" value={type} onChange={(e) => setType(e.target.value as IngredientType)}>
            {IngredientType.options.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
        <input aria-label="Ingredient name (optional)" placeholder="Name (optional)" value={name} onChange={(e) => setName(e.target.value)} maxLength={200} />
      </div>
      <div className="shots-upload-row">
        <input
          ref={input}
          type="file"
          accept={ACCEPT}
          multiple
          aria-label="Reference files"
          data-testid="shots-upload-input"
          onChange={(e) => setFiles(Array.from(e.target.files ?? []))}
        />
        <button type="submit" className="btn btn-secondary btn-tight" disabled={!files.length || upload.isPending}>
          {upload.isPending ? 'Uploading…' : 'Upload'}
        </button>
      </div>
      <p className="muted small">PNG, JPEG, WebP or a short MP4/WebM, or drop files here.</p>
      {errors.map((m) => (
        <p key={m} className="shots-error" role="alert">
          {m}
        </p>
      ))}
    </form>
  );
}
