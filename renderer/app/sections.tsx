import type { ComponentType } from 'react';
import { JobsPage } from '../jobs/JobsPage.js';
import { LibraryPage } from '../library/LibraryPage.js';
import { SettingsPage } from '../settings/SettingsPage.js';
import { ShadersPage } from '../studios/shaders/ShadersPage.js';
import { ShotsPage } from '../studios/shots/ShotsPage.js';
import { VideoPage } from '../studios/video/VideoPage.js';
import { WorldPage } from '../studios/world/WorldPage.js';
import { JobsIcon, LibraryIcon, SettingsIcon, ShadersIcon, ShotsIcon, VideoIcon, WorldIcon } from './icons.js';
import type { AppPath } from './router.js';

export interface Section {
  id: string;
  path: AppPath;
  label: string;
  Icon: ComponentType;
  Page: ComponentType;
}

/** Rail order and page for each path. */
export const SECTIONS: readonly Section[] = [
  { id: 'shaders', path: '/shaders', label: 'Shaders', Icon: ShadersIcon, Page: ShadersPage },
  { id: 'video', path: '/video', label: 'Video', Icon: VideoIcon, Page: VideoPage },
  { id: 'world', path: '/world', label: 'World', Icon: WorldIcon, Page: WorldPage },
  { id: 'shots', path: '/shots', label: 'Shots', Icon: ShotsIcon, Page: ShotsPage },
  { id: 'library', path: '/library', label: 'Library', Icon: LibraryIcon, Page: LibraryPage },
  { id: 'jobs', path: '/jobs', label: 'Jobs', Icon: JobsIcon, Page: JobsPage },
  { id: 'settings', path: '/settings', label: 'Settings', Icon: SettingsIcon, Page: SettingsPage },
];

export function sectionFor(path: AppPath): Section {
  return SECTIONS.find((s) => s.path === path) ?? (SECTIONS[0] as Section);
}
