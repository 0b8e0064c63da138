/** The pure LiveLoop generator: program → timeline → playlists, guide, now playing. */
export * from './program.js';
export * from './timeline.js';
export * from './playlists.js';
export * from './guide.js';
export { seededShuffle } from './shuffle.js';
export { isValidTimeZone, localDay, localToUtc, weekdayOf } from './local-time.js';
export { validateSchedule } from './schedule-validate.js';
