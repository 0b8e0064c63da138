import { useTheme, type ThemeName } from '../app/theme-store.js';

const THEMES: ReadonlyArray<{ id: ThemeName; label: string; note: string }> = [
  { id: 'dark', label: 'Dark teal', note: 'The default.' },
  { id: 'light', label: 'Cream', note: 'Light background, same teal accents.' },
];

/** Theme choice, stored in this browser (each window or device keeps its own). */
export function AppearanceSection() {
  const theme = useTheme((s) => s.theme);
  const setTheme = useTheme((s) => s.setTheme);
  return (
    <section className="card" aria-labelledby="appearance-title" data-testid="settings-appearance">
      <div className="card-header">
        <div>
          <h2 id="appearance-title">Appearance</h2>
          <p className="muted small">Remembered on this device.</p>
        </div>
      </div>
      <div className="theme-choice" role="radiogroup" aria-label="Theme">
        {THEMES.map((t) => (
          <label key={t.id} className="theme-option" data-theme-option={t.id} data-selected={theme === t.id || undefined}>
            <input type="radio" name="theme" value={t.id} checked={theme === t.id} onChange={() => setTheme(t.id)} />
            <span className="theme-swatch" aria-hidden="true" />
            <span>
              <strong>{t.label}</strong>
              <span className="muted small"> · {t.note}</span>
            </span>
          </label>
        ))}
      </div>
    </section>
  );
}
