import { Suspense, lazy } from 'react';
import { Page } from '../../components/Page.js';
import { Loading } from '../../components/Loading.js';

// three.js, fiber, drei and the Rapier wasm are one lazy chunk: other studios never load them.
const WorldStudio = lazy(() => import('./WorldStudio.js'));

export function WorldPage() {
  return (
    <Page id="world" title="World" lead="Prompts spawn editable physics objects in a three.js + Rapier sandbox: build, sculpt, then play.">
      <Suspense fallback={<Loading label="Loading the world editor…" />}>
        <WorldStudio />
      </Suspense>
    </Page>
  );
}
