import { create } from 'zustand';

/** The app's colour theme: dark teal (default) or cream light. Kept in this browser's localStorage. */
export type ThemeName = 'dark' | 'light';

export const THEME_STORAGE_KEY = 'auteur.theme';

function readStored(): ThemeName {
  try {
    return window.localStorage.getItem(THEME_STORAGE_KEY) === 'light' ? 'light' : 'dark';
  } catch {
    return 'dark'; // storage disabled: the default theme
  }
}

/** Sets data-theme on <html> (tokens.css switches on it) and the browser UI colour. */
export function applyTheme(theme: ThemeName): void {
  const root = document.documentElement;
  if (theme === 'light') root.dataset.theme = 'light';
  else delete root.dataset.theme;
  document.querySelector('meta[name="color-scheme"]')?.setAttribute('content', theme);
  document.querySelector('meta[name="theme-color"]')?.setAttribute('content', theme === 'light' ? '#f5efe0' : '#0a1618');
}

interface ThemeStore {
  theme: ThemeName;
  setTheme(theme: ThemeName): void;
}

export const useTheme = create<ThemeStore>()((set) => ({
  theme: 'dark',
  setTheme: (theme) => {
    try {
      window.localStorage.setItem(THEME_STORAGE_KEY, theme);
    } catch {
      // Not persisted (storage disabled); it still applies for this session.
    }
    applyTheme(theme);
    set({ theme });
  },
}));

/** Applies the stored theme before the first render, so a cream user never sees a dark flash. */
export function initTheme(): void {
  const theme = readStored();
  applyTheme(theme);
  useTheme.setState({ theme });
}
