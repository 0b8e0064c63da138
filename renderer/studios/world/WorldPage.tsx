import { StudioPlaceholder } from '../StudioPlaceholder.js';

export function WorldPage() {
  return (
    <StudioPlaceholder
      id="world"
      title="World"
      description="A three.js and Rapier physics sandbox where prompts spawn objects that fall, stack and collide, shared with other people on your local network in LAN multiplayer."
    />
  );
}
