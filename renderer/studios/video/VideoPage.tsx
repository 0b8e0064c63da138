import { StudioPlaceholder } from '../StudioPlaceholder.js';

export function VideoPage() {
  return (
    <StudioPlaceholder
      id="video"
      title="Video"
      description="Turns a prompt into a finished video: script, voice, visuals, then an MP4 or HLS render with captions. Finished pieces land in a video library, play in the built-in player, and can run back to back on the LiveLoop channel."
    />
  );
}
