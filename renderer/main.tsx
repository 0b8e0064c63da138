import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initAuth } from './api/authStore.js';
import { App } from './app/App.js';
import { initRouter } from './app/router.js';
import { initTheme } from './app/theme-store.js';
import './app/theme.css';

// Auth first: it strips ?token= from the URL before the router normalises the path.
initAuth();
initRouter();
initTheme();

const root = document.getElementById('root');
if (!root) throw new Error('index.html is missing #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
