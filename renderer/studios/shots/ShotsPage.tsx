import { Page } from '../../components/Page.js';
import { ProjectList } from './ProjectList.js';
import { ProjectView } from './ProjectView.js';
import { useShotsLocation } from './nav.js';
import { Notices } from './ui/Notices.js';
import './shots.css';

export function ShotsPage() {
  const { projectId, view } = useShotsLocation();
  return (
    <Page
      id="shots"
      title="Shots"
      lead="Screenplays broken into scenes and shots, an ingredient library for visual consistency, and a Veo 3.1 request for every shot."
    >
      {projectId ? <ProjectView key={projectId} projectId={projectId} view={view} /> : <ProjectList />}
      <Notices />
    </Page>
  );
}
