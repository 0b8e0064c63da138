import { StudioPlaceholder } from '../StudioPlaceholder.js';

export function ShadersPage() {
  return (
    <StudioPlaceholder
      id="shaders"
      title="Shaders"
      description="A Shadertoy-compatible GLSL editor with live preview, an adaptive feed that learns what you linger on, a desire queue of looks you want to explore next, and AI generation that writes and iterates on shaders from a prompt."
    />
  );
}
