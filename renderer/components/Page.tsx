import type { ReactNode } from 'react';

interface PageProps {
  id: string;
  title: string;
  lead?: ReactNode;
  actions?: ReactNode;
  children?: ReactNode;
}

/** Root of every section: carries the page-<id> test id and the section's <h1>. */
export function Page({ id, title, lead, actions, children }: PageProps) {
  return (
    <section className="page" data-testid={`page-${id}`} aria-labelledby={`page-title-${id}`}>
      <header className="page-header">
        <div>
          <h1 id={`page-title-${id}`}>{title}</h1>
          {lead ? <p className="page-lead">{lead}</p> : null}
        </div>
        {actions ? <div className="page-actions">{actions}</div> : null}
      </header>
      {children}
    </section>
  );
}
