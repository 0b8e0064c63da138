import { useEffect, useState } from 'react';
import type { Video } from '../../../../shared/schemas/video.js';
import { errorMessage } from '../../../api/errors.js';
import { useAddLanguage, usePublishVideo, useUpdateVideo } from '../api/hooks.js';
import { downloadVideo } from '../api/download.js';
import { StartPartyButton } from '../party/StartPartyButton.js';
import { PublishVideoToCommunity } from '../community/PublishVideoToCommunity.js';

/**
 * A switch that shows the new value at once (a controlled checkbox would snap back until the host
 * answers) and returns to the stored value when the call fails or the row changes.
 */
function OptimisticSwitch(props: { stored: boolean; pending: boolean; label: string; testId: string; save: (next: boolean, rollback: () => void) => void }) {
  const { stored, pending, label, testId, save } = props;
  const [value, setValue] = useState(stored);
  useEffect(() => setValue(stored), [stored]);
  return (
    <label className="vswitch">
      <input
        type="checkbox"
        checked={value}
        disabled={pending}
        onChange={(e) => {
          const next = e.target.checked;
          setValue(next);
          save(next, () => setValue(stored));
        }}
        data-testid={testId}
      />
      <span>{label}</span>
    </label>
  );
}

/** What a finished video offers: export, publish/private, Add to LiveLoop, and a new language (dub + captions). */
export function VideoActions({ video, compact = false }: { video: Video; compact?: boolean }) {
  const publish = usePublishVideo();
  const update = useUpdateVideo();
  const addLanguage = useAddLanguage(video.id);
  const [exporting, setExporting] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [lang, setLang] = useState('');
  const error = publish.error ?? update.error;
  const exportMp4 = (): void => {
    setExporting(true);
    setNote(null);
    downloadVideo(video.id, video.title)
      .then((name) => setNote(`Saved ${name}`))
      .catch((err: unknown) => setNote(`Export failed: ${errorMessage(err)}`))
      .finally(() => setExporting(false));
  };
  return (
    <div className="video-actions" data-testid="video-actions">
      <button type="button" className="btn btn-secondary" onClick={exportMp4} disabled={exporting || !video.final} data-testid="video-export">
        {exporting ? 'Exporting…' : 'Export MP4'}
      </button>
      <OptimisticSwitch
        stored={video.published}
        pending={publish.isPending}
        label="Published"
        testId="video-published"
        save={(published, rollback) => publish.mutate({ id: video.id, published }, { onError: rollback })}
      />
      <OptimisticSwitch
        stored={video.addToLiveLoop}
        pending={update.isPending}
        label="Add to LiveLoop"
        testId="video-liveloop"
        save={(addToLiveLoop, rollback) => update.mutate({ id: video.id, body: { addToLiveLoop } }, { onError: rollback })}
      />
      <StartPartyButton target={{ kind: 'video', videoId: video.id }} masterMediaId={video.hlsMasterMediaId} disabled={!video.hlsMasterMediaId} />
      {compact ? null : <PublishVideoToCommunity video={video} />}
      {compact ? null : (
        <form
          className="video-add-language"
          onSubmit={(e) => {
            e.preventDefault();
            if (lang.trim()) addLanguage.mutate({ language: lang.trim() });
          }}
        >
          <input value={lang} onChange={(e) => setLang(e.target.value)} placeholder="fr" aria-label="Language to add" size={6} maxLength={12} />
          <button type="submit" className="btn btn-secondary" disabled={!lang.trim() || addLanguage.isPending} title="Translate the script (needs an LLM), speak it, and add an audio and caption track">
            {addLanguage.isPending ? 'Adding…' : 'Add language'}
          </button>
        </form>
      )}
      {addLanguage.error ? (
        <p className="video-note-warn small" role="alert" data-testid="video-add-language-error">
          {errorMessage(addLanguage.error)}
        </p>
      ) : null}
      {error ? (
        <p className="video-note-warn small" role="alert">
          {errorMessage(error)}
        </p>
      ) : null}
      {note ? (
        <p className="muted small" role="status" data-testid="video-export-note">
          {note}
        </p>
      ) : null}
    </div>
  );
}
