import { Page } from '../components/Page.js';

interface StudioPlaceholderProps {
  id: string;
  title: string;
  description: string;
}

/** Honest stand-in for a studio that a later build delivers: what it is for, and that it is not here yet. */
export function StudioPlaceholder({ id, title, description }: StudioPlaceholderProps) {
  return (
    <Page id={id} title={title}>
      <div className="card studio-placeholder">
        <p className="studio-description">{description}</p>
        <p className="studio-unavailable" data-testid="studio-unavailable" role="note">
          Not available in this build yet.
        </p>
      </div>
    </Page>
  );
}
