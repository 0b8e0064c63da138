import type { ReactNode } from 'react';
import brandMarkUrl from './brand-mark.svg';

/** 20px stroke icons; decorative only (the label always sits beside them). */
function Icon({ children }: { children: ReactNode }) {
  return (
    <svg
      className="icon"
      viewBox="0 0 24 24"
      width="20"
      height="20"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {children}
    </svg>
  );
}

export const ShadersIcon = () => (
  <Icon>
    <circle cx="12" cy="12" r="9" />
    <path d="M12 3a9 9 0 0 0 0 18c-2.5-2.5-2.5-15.5 0-18Z" />
    <path d="M3.5 9h17M3.5 15h17" />
  </Icon>
);

export const VideoIcon = () => (
  <Icon>
    <rect x="3" y="5" width="13" height="14" rx="2" />
    <path d="m16 10 5-3v10l-5-3" />
  </Icon>
);

export const WorldIcon = () => (
  <Icon>
    <path d="M12 3 20 7.5v9L12 21l-8-4.5v-9Z" />
    <path d="M4 7.5 12 12l8-4.5M12 12v9" />
  </Icon>
);

export const ShotsIcon = () => (
  <Icon>
    <path d="M4 9h16v10a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1Z" />
    <path d="m4 9 1.5-5 15 1-1 4" />
    <path d="m9 4.5 1.5 4.5M14.5 5 16 9" />
  </Icon>
);

export const LibraryIcon = () => (
  <Icon>
    <rect x="3" y="4" width="18" height="16" rx="2" />
    <circle cx="9" cy="10" r="2" />
    <path d="m21 16-5-5-9 9" />
  </Icon>
);

export const JobsIcon = () => (
  <Icon>
    <path d="M9 6h11M9 12h11M9 18h11" />
    <path d="m3.5 6 1 1 2-2M3.5 12l1 1 2-2" />
    <circle cx="5" cy="18" r="1.2" />
  </Icon>
);

export const SettingsIcon = () => (
  <Icon>
    <circle cx="12" cy="12" r="3" />
    <path d="M12 2.5v3M12 18.5v3M2.5 12h3M18.5 12h3M5.3 5.3l2.1 2.1M16.6 16.6l2.1 2.1M5.3 18.7l2.1-2.1M16.6 7.4l2.1-2.1" />
  </Icon>
);

/** The brand mark: a lighthouse in a compass rose (brand-mark.svg is the master for every icon size). */
export const BrandMark = ({ size = 32 }: { size?: number }) => (
  <img className="brand-mark" src={brandMarkUrl} width={size} height={size} alt="" aria-hidden="true" />
);
