import { Page } from '../components/Page.js';
import { AppearanceSection } from './AppearanceSection.js';
import { DoctorSection } from './DoctorSection.js';
import { ApiKeysSection } from './agents/ApiKeysSection.js';
import { ConnectAgentSection } from './agents/ConnectAgentSection.js';
import { ProvidersSection } from './providers/ProvidersSection.js';
import { SystemSection } from './SystemSection.js';
import { LanSection } from './LanSection.js';
import { CommunitySection } from './community/CommunitySection.js';

export function SettingsPage() {
  return (
    <Page id="settings" title="Settings" lead="Where the studio keeps its data, what it runs on, and whether everything it needs is present.">
      <SystemSection />
      <AppearanceSection />
      <ProvidersSection />
      <DoctorSection />
      <ConnectAgentSection />
      <ApiKeysSection />
      <LanSection />
      <CommunitySection />
    </Page>
  );
}
