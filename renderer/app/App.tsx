import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { useAuthStore } from '../api/authStore.js';
import { createQueryClient } from '../api/queryClient.js';
import { AuthRequired } from './AuthRequired.js';
import { LiveUpdates } from './LiveUpdates.js';
import { Shell } from './Shell.js';

export function App() {
  const status = useAuthStore((s) => s.status);
  const markRejected = useAuthStore((s) => s.markRejected);
  const [queryClient] = useState(() => createQueryClient(markRejected));

  if (status !== 'ok') return <AuthRequired status={status} />;
  return (
    <QueryClientProvider client={queryClient}>
      <LiveUpdates />
      <Shell />
    </QueryClientProvider>
  );
}
