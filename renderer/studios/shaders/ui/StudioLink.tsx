import type { AnchorHTMLAttributes, ReactNode } from 'react';
import { useLinkHandler } from '../StudioHeader.js';

type Props = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href' | 'onClick'> & { to: string; children: ReactNode };

/** A real link (open in new tab works) that navigates in-app on a plain click. */
export function StudioLink({ to, children, ...rest }: Props) {
  const onLink = useLinkHandler();
  return (
    <a {...rest} href={to} onClick={(e) => onLink(e, to)}>
      {children}
    </a>
  );
}
