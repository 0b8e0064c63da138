import { StudioPlaceholder } from '../StudioPlaceholder.js';

export function ShotsPage() {
  return (
    <StudioPlaceholder
      id="shots"
      title="Shots"
      description="Breaks a Fountain screenplay into scenes and shots, keeps an ingredient library of characters, places and props for visual consistency, and prepares Veo 3.1 generation payloads for each shot."
    />
  );
}
