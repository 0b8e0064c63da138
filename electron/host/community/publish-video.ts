import { RELAY_UPLOAD_LIMITS } from '../../../shared/schemas/relay-community.js';
import type { Video } from '../../../shared/schemas/video.js';
import { AppError } from '../errors.js';
import type { CoreContext } from '../host-context.js';
import { videoServices } from '../video/services.js';
import { fitPayload, joinDistinct, mediaFile, relayTags, relayTitle, type PublishFile, type PublishKind } from './publish-plan.js';

/** A finished library video, or why it cannot be published (404 / 409). */
function libraryVideo(core: CoreContext, id: string): Video & { final: NonNullable<Video['final']> } {
  const row = videoServices(core).reader.find(id);
  if (!row) throw new AppError(404, 'not_found', `No video ${id}`);
  const v = videoServices(core).reader.get(id);
  if (!v.inLibrary || !v.final) throw new AppError(409, 'video_not_finished', `Video “${v.title}” has no final MP4 yet: publish it once it is in the library`);
  return v as Video & { final: NonNullable<Video['final']> };
}

/**
 * A library video: a manifest (script, chapters, languages, and which providers made each
 * scene) as the payload, its thumbnail (or poster) and a preview: the final MP4 itself when it
 * fits the relay's limit, otherwise the clip the worker made from it.
 */
export const videoPublish: PublishKind = {
  prepare(core, id) {
    const v = libraryVideo(core, id);
    const media = core.media.get(v.final.mediaId);
    if (!media) throw new AppError(409, 'video_not_finished', `Video “${v.title}” lost its final MP4 (media ${v.final.mediaId}); render it again`);
    return { video: { finalPath: core.media.absolutePath(media), finalBytes: media.bytes, durationSec: v.durationSec } };
  },
  plan(core, id, output) {
    const v = libraryVideo(core, id);
    const notes: string[] = [];
    const thumbnail = mediaFile(core, v.thumbnailMediaId, RELAY_UPLOAD_LIMITS.thumbnailBytes) ?? mediaFile(core, v.posterMediaId, RELAY_UPLOAD_LIMITS.thumbnailBytes);
    if (!thumbnail) notes.push('No thumbnail: the video has no thumbnail or poster under the relay’s 2 MB limit');
    let preview: PublishFile | null = mediaFile(core, v.final.mediaId, RELAY_UPLOAD_LIMITS.previewBytes);
    let previewClipped = false;
    if (!preview && output.clipPath) {
      preview = { path: output.clipPath, mime: 'video/mp4', bytes: 0 };
      previewClipped = true;
      notes.push(`The final MP4 is over the relay’s ${RELAY_UPLOAD_LIMITS.previewBytes / 1024 / 1024} MB limit: the preview is a shortened 480p clip`);
    }
    if (!preview) notes.push('No preview: the final MP4 is over the relay’s limit and no clip was made');
    const source = v.scriptSource;
    const scenes = v.scenes.map((s) => ({ sceneId: s.sceneId, provider: s.provider, model: s.model, voiceProvider: s.voiceProvider, voiceModel: s.voiceModel, fallbackReason: s.fallbackReason }));
    const manifest = {
      format: 'auteur-video',
      version: 1,
      title: v.title,
      prompt: v.prompt,
      style: v.style,
      language: v.language,
      languages: v.languages,
      durationSec: v.durationSec,
      width: v.final.width,
      height: v.final.height,
      chapters: v.chapters,
      scriptSource: source,
      scenes,
      notes: v.notes,
      script: v.script,
    };
    return {
      body: {
        kind: 'video',
        title: relayTitle(v.title, 'Untitled video'),
        description: (v.description || v.prompt).slice(0, 1000),
        tags: relayTags([v.style, v.language]),
        payload: fitPayload(manifest, ['script', 'notes', 'scenes'], notes),
        isPublic: true,
        provenance: {
          app: 'auteur-studio',
          appVersion: core.version.slice(0, 40),
          // Machine-made unless a person edited the script.
          generator: source?.writer === 'edited' ? 'mixed' : 'ai',
          provider: joinDistinct([source?.provider, ...v.scenes.map((s) => s.provider), ...v.scenes.map((s) => s.voiceProvider)], 60),
          model: joinDistinct([source?.model, ...v.scenes.map((s) => s.model), ...v.scenes.map((s) => s.voiceModel)], 120),
          sourceId: v.id,
        },
      },
      thumbnail,
      preview,
      previewClipped,
      notes,
    };
  },
};
