import { formatAttributes, parsePlaylist } from '../../media/ffmpeg/playlist.js';

/**
 * The video studio's HLS master, written by hand (the bundled 2018 ffmpeg cannot write audio or
 * subtitle groups): video-only variants that all name the audio group "aud" and the subtitles
 * group "subs", one EXT-X-MEDIA line per language in each group. A dub adds lines to both groups
 * and nothing else changes. The video's first presentation timestamp and the music bed's plan
 * travel in session-data tags, so a dub made later aligns to the same clock over the same bed.
 */

export const AUDIO_GROUP = 'aud';
export const SUBTITLE_GROUP = 'subs';
export const VIDEO_START_DATA_ID = 'studio.auteur.video-start';
/** The bed's plan ("minor 3 3.5"), so a dub gets the very same pads under its voice. */
export const MUSIC_BED_DATA_ID = 'studio.auteur.music-bed';

export interface MasterTrack {
  language: string;
  name: string;
  default: boolean;
  uri: string;
}

export interface MasterVariant {
  uri: string;
  bandwidth: number;
  averageBandwidth: number;
  width: number;
  height: number;
  codecs: string;
}

export function languageName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

function mediaLine(type: 'AUDIO' | 'SUBTITLES', t: MasterTrack): string {
  return `#EXT-X-MEDIA:${formatAttributes({
    TYPE: type,
    'GROUP-ID': type === 'AUDIO' ? AUDIO_GROUP : SUBTITLE_GROUP,
    NAME: t.name,
    LANGUAGE: t.language,
    DEFAULT: t.default ? 'YES' : 'NO',
    AUTOSELECT: 'YES',
    URI: t.uri,
  })}`;
}

export function writeMaster(o: { variants: MasterVariant[]; audio: MasterTrack[]; subtitles: MasterTrack[]; videoStartSec: number; musicBed?: string | null }): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:6', '#EXT-X-INDEPENDENT-SEGMENTS'];
  lines.push(`#EXT-X-SESSION-DATA:DATA-ID="${VIDEO_START_DATA_ID}",VALUE="${o.videoStartSec.toFixed(6)}"`);
  if (o.musicBed) lines.push(`#EXT-X-SESSION-DATA:DATA-ID="${MUSIC_BED_DATA_ID}",VALUE="${o.musicBed}"`);
  for (const a of o.audio) lines.push(mediaLine('AUDIO', a));
  for (const s of o.subtitles) lines.push(mediaLine('SUBTITLES', s));
  for (const v of o.variants) {
    const attrs: Record<string, string | number> = {
      BANDWIDTH: v.bandwidth,
      'AVERAGE-BANDWIDTH': v.averageBandwidth,
      RESOLUTION: `${v.width}x${v.height}`,
      CODECS: v.codecs,
      AUDIO: AUDIO_GROUP,
    };
    if (o.subtitles.length) attrs.SUBTITLES = SUBTITLE_GROUP;
    lines.push(`#EXT-X-STREAM-INF:${formatAttributes(attrs)}`, v.uri);
  }
  return `${lines.join('\n')}\n`;
}

export interface MasterInfo {
  audio: MasterTrack[];
  subtitles: MasterTrack[];
  videoStartSec: number | null;
  musicBed: string | null;
  variants: number;
}

export function readMaster(text: string): MasterInfo {
  const p = parsePlaylist(text);
  const track = (m: Record<string, string>): MasterTrack => ({ language: m.LANGUAGE ?? '', name: m.NAME ?? '', default: m.DEFAULT === 'YES', uri: m.URI ?? '' });
  const data = (id: string) => new RegExp(`#EXT-X-SESSION-DATA:DATA-ID="${id.replace(/\./g, '\\.')}",VALUE="([^"]*)"`).exec(text)?.[1] ?? null;
  const start = data(VIDEO_START_DATA_ID);
  return {
    audio: p.media.filter((m) => m.TYPE === 'AUDIO' && m['GROUP-ID'] === AUDIO_GROUP).map(track),
    subtitles: p.media.filter((m) => m.TYPE === 'SUBTITLES' && m['GROUP-ID'] === SUBTITLE_GROUP).map(track),
    videoStartSec: start && Number.isFinite(Number(start)) ? Number(start) : null,
    musicBed: data(MUSIC_BED_DATA_ID),
    variants: p.variants.length,
  };
}

/**
 * A master with one more language: its audio and subtitles lines go after the last line of
 * their group; every other line (variants, URIs already rewritten to media ids) is kept as is.
 */
export function addLanguageToMaster(text: string, audio: MasterTrack, subtitles: MasterTrack | null): string {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n');
  const lastOf = (type: string) => lines.reduce((at, l, i) => (l.startsWith('#EXT-X-MEDIA:') && l.includes(`TYPE=${type}`) ? i : at), -1);
  const a = lastOf('AUDIO');
  if (a < 0) throw new Error('The HLS master has no audio group; render the final pass again to get one');
  lines.splice(a + 1, 0, mediaLine('AUDIO', audio));
  if (subtitles) {
    const s = lastOf('SUBTITLES');
    if (s >= 0) lines.splice(s + 1, 0, mediaLine('SUBTITLES', subtitles));
    else {
      // No captions yet: the group is new, so every variant must name it.
      lines.splice(lastOf('AUDIO') + 1, 0, mediaLine('SUBTITLES', subtitles));
      for (let i = 0; i < lines.length; i++) {
        if (lines[i]!.startsWith('#EXT-X-STREAM-INF:') && !lines[i]!.includes('SUBTITLES=')) lines[i] += `,SUBTITLES="${SUBTITLE_GROUP}"`;
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
