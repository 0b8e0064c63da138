import { studioPaths, useNavigate } from '../nav.js';
import { GenerateForm } from './GenerateForm.js';
import { GenerateResult } from './GenerateResult.js';
import { RecentGenerations } from './RecentGenerations.js';
import './generate.css';

/** Prompt + style sliders + writer → a shader.generate job, followed live to its result. */
export function GenerateView({ params }: { params: URLSearchParams }) {
  const navigate = useNavigate();
  const jobId = params.get('job');
  const desireId = params.get('desire');
  return (
    <div className="generate studio-pad">
      <GenerateForm
        key={desireId ?? ''}
        desireId={desireId}
        busyJobId={jobId}
        onStarted={(id) => navigate(`${studioPaths.generate({ desire: desireId })}${desireId ? '&' : '?'}job=${encodeURIComponent(id)}`)}
      />
      <div className="generate-right">
        <GenerateResult jobId={jobId} desireId={desireId} />
        <RecentGenerations current={jobId} onPick={(id) => navigate(`${studioPaths.generate({ desire: desireId })}${desireId ? '&' : '?'}job=${encodeURIComponent(id)}`)} />
      </div>
    </div>
  );
}
