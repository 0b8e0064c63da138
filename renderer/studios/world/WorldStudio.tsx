import { WorldList } from './WorldList.js';
import { WorldView } from './WorldView.js';
import { useWorldLocation } from './nav.js';
import './world.css';

/** The lazy root of the studio: the world list, or one open world. */
export default function WorldStudio() {
  const { worldId } = useWorldLocation();
  return worldId ? <WorldView key={worldId} worldId={worldId} /> : <WorldList />;
}
