import type { MouseEvent } from 'react';
import { useEventsStore } from '../api/eventsStore.js';
import { useSystem } from '../settings/hooks.js';
import { ConnectionStatus } from './ConnectionStatus.js';
import { BrandMark } from './icons.js';
import { useRouter, type AppPath } from './router.js';
import { SECTIONS } from './sections.js';

function isPlainLeftClick(e: MouseEvent): boolean {
  return e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey;
}

export function Rail() {
  const path = useRouter((s) => s.path);
  const navigate = useRouter((s) => s.navigate);
  // system.get needs the token, so loading it here also surfaces a rejected token on any page.
  const system = useSystem();
  const helloVersion = useEventsStore((s) => s.serverVersion);
  const version = system.data?.version ?? helloVersion;

  const onClick = (e: MouseEvent<HTMLAnchorElement>, to: AppPath): void => {
    // Real links: modifier clicks still open a new tab/window.
    if (e.defaultPrevented || !isPlainLeftClick(e)) return;
    e.preventDefault();
    navigate(to);
  };

  return (
    <nav className="rail" aria-label="Studio sections">
      <div className="rail-brand">
        <BrandMark />
        <span className="wordmark">Auteur</span>
      </div>
      <ul className="rail-links">
        {SECTIONS.map(({ id, path: to, label, Icon }) => (
          <li key={id}>
            <a
              href={to}
              className="rail-link"
              data-testid={`nav-${id}`}
              aria-current={path === to ? 'page' : undefined}
              onClick={(e) => onClick(e, to)}
            >
              <Icon />
              <span>{label}</span>
            </a>
          </li>
        ))}
      </ul>
      <footer className="rail-footer">
        <ConnectionStatus />
        <span className="rail-version" data-testid="app-version">
          {version ? `v${version}` : ''}
        </span>
      </footer>
    </nav>
  );
}
