import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initAuth } from './api/authStore.js';
import { App } from './app/App.js';
import { guestPage } from './app/guest-pages.js';
import { initRouter } from './app/router.js';
import { initTheme } from './app/theme-store.js';
import './app/theme.css';

// LAN guest pages (invite token in the path) need neither the studio token nor its router.
const guest = guestPage(window.location.pathname);
// Auth first: it strips ?token= from the URL before the router normalises the path.
if (!guest) {
  initAuth();
  initRouter();
}
initTheme();

const root = document.getElementById('root');
if (!root) throw new Error('index.html is missing #root');
createRoot(root).render(
  <StrictMode>
    {guest ?? <App />}
  </StrictMode>,
);
