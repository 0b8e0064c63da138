import { useState, type FormEvent } from 'react';
import { useRouter } from '../../../app/router.js';
import { ErrorBanner } from '../../../components/ErrorBanner.js';
import { DEFAULT_DURATION_TARGET_SEC, MAX_DURATION_TARGET_SEC, MIN_DURATION_TARGET_SEC } from '../../../../shared/video/script.js';
import { useCreateVideo } from '../api/hooks.js';
import { videoPaths } from '../nav.js';

const MAX_PROMPT = 8000;
/** Suggestions only: the style is free words that steer palette and mood. */
const STYLE_PRESETS = ['cinematic', 'documentary', 'noir', 'dreamy', 'vibrant', 'retro', 'storybook', 'minimal'];
const LANGUAGES: ReadonlyArray<[string, string]> = [
  ['en', 'English'],
  ['fr', 'French'],
  ['es', 'Spanish'],
  ['de', 'German'],
  ['it', 'Italian'],
  ['pt', 'Portuguese'],
  ['nl', 'Dutch'],
  ['ja', 'Japanese'],
];

/** The prompt editor (left column of Create): the seed's payload, 7 s and "preview first" by default. */
export function CreateForm() {
  const create = useCreateVideo();
  const navigate = useRouter((s) => s.navigate);
  const [prompt, setPrompt] = useState('');
  const [title, setTitle] = useState('');
  const [style, setStyle] = useState('cinematic');
  const [voice, setVoice] = useState('');
  const [language, setLanguage] = useState('en');
  const [duration, setDuration] = useState(String(DEFAULT_DURATION_TARGET_SEC));
  const [preview, setPreview] = useState(true);
  const [visuals, setVisuals] = useState<'auto' | 'embedded' | 'comfyui'>('auto');

  const seconds = Number(duration);
  const durationOk = Number.isFinite(seconds) && seconds >= MIN_DURATION_TARGET_SEC && seconds <= MAX_DURATION_TARGET_SEC;
  const promptOk = prompt.trim().length > 0 && prompt.length <= MAX_PROMPT;

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (!promptOk || !durationOk) return;
    create.mutate(
      {
        prompt: prompt.trim(),
        ...(title.trim() ? { title: title.trim() } : {}),
        style: style.trim() || 'cinematic',
        ...(voice.trim() ? { voice: voice.trim() } : {}),
        language,
        duration_target: seconds,
        produce_preview: preview,
        providers: { llm: 'auto', tts: 'auto', visuals },
      },
      { onSuccess: ({ video }) => navigate(videoPaths.video(video.id)) },
    );
  };

  return (
    <form className="video-form card" onSubmit={submit} data-testid="video-create-form" aria-label="New video">
      <h2>New video</h2>
      <label className="vfield">
        <span>Prompt</span>
        <textarea
          value={prompt}
          onChange={(e) => setPrompt(e.target.value)}
          rows={6}
          placeholder="A lighthouse keeper watches a storm at sea, emerald and gold…"
          aria-invalid={prompt.length > MAX_PROMPT || undefined}
          required
        />
        <span className="vfield-note" data-over={prompt.length > MAX_PROMPT || undefined}>
          {prompt.length > MAX_PROMPT ? `${prompt.length - MAX_PROMPT} characters over the ${MAX_PROMPT} limit` : `${prompt.length} / ${MAX_PROMPT}`}
        </span>
      </label>
      <label className="vfield">
        <span>Title</span>
        <input value={title} onChange={(e) => setTitle(e.target.value)} placeholder="From the script when empty" maxLength={200} />
      </label>
      <div className="vfield-row">
        <label className="vfield">
          <span>Style</span>
          <input value={style} onChange={(e) => setStyle(e.target.value)} list="video-style-presets" maxLength={60} />
          <datalist id="video-style-presets">
            {STYLE_PRESETS.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        </label>
        <label className="vfield">
          <span>Language</span>
          <select value={language} onChange={(e) => setLanguage(e.target.value)}>
            {LANGUAGES.map(([tag, name]) => (
              <option key={tag} value={tag}>
                {name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="vfield-row">
        <label className="vfield">
          <span>Voice</span>
          <input value={voice} onChange={(e) => setVoice(e.target.value)} placeholder="Default voice" maxLength={200} />
        </label>
        <label className="vfield">
          <span>Duration (s)</span>
          <input
            type="number"
            min={MIN_DURATION_TARGET_SEC}
            max={MAX_DURATION_TARGET_SEC}
            step={1}
            value={duration}
            onChange={(e) => setDuration(e.target.value)}
            aria-invalid={!durationOk || undefined}
          />
        </label>
      </div>
      <label className="vfield">
        <span>Scene visuals</span>
        <select value={visuals} onChange={(e) => setVisuals(e.target.value as typeof visuals)}>
          <option value="auto">Auto (ComfyUI when configured, else shader scenes)</option>
          <option value="embedded">Shader scenes (built in)</option>
          <option value="comfyui">ComfyUI only</option>
        </select>
      </label>
      <label className="vcheck">
        <input type="checkbox" checked={preview} onChange={(e) => setPreview(e.target.checked)} />
        <span>Preview first (a quick 640×360 pass before the final)</span>
      </label>
      {!durationOk ? (
        <p className="vfield-error" role="alert">
          The duration is {MIN_DURATION_TARGET_SEC}–{MAX_DURATION_TARGET_SEC} seconds.
        </p>
      ) : null}
      {create.error ? <ErrorBanner error={create.error} /> : null}
      <button type="submit" className="btn btn-cta" disabled={!promptOk || !durationOk || create.isPending}>
        {create.isPending ? 'Starting…' : 'Generate video'}
      </button>
    </form>
  );
}
