import { useEffect } from 'react';
import { Rail } from './Rail.js';
import { useRouter } from './router.js';
import { sectionFor } from './sections.js';

export function Shell() {
  const path = useRouter((s) => s.path);
  const section = sectionFor(path);
  const { Page } = section;

  useEffect(() => {
    document.title = `${section.label} · Auteur`;
  }, [section.label]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Rail />
      <main id="main" className="main" tabIndex={-1}>
        <Page key={path} />
      </main>
    </div>
  );
}
