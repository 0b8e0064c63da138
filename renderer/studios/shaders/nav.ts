import { useRouter } from '../../app/router.js';

export * from './nav-paths.js';

export function useNavigate(): (to: string, opts?: { replace?: boolean }) => void {
  return useRouter((s) => s.navigate);
}
