import type { Prefab } from '../../../../shared/schemas/world.js';
import { CommunityPublishButton } from '../../../community/PublishButton.js';

/** "publish" on a prefab in the World library: its recipe JSON and a drawn thumbnail go to the community relay. */
export function PublishPrefabToCommunity({ prefab }: { prefab: Prefab }) {
  return <CommunityPublishButton kind="prefab" id={prefab.id} what="prefab" compact />;
}
