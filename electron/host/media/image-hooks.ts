import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { ImageGenerateInput, ImageGenerateOutput, imageGenerate, type GeneratedFile } from '../../../shared/jobs/image-generate.js';
import type { CoreContext } from '../host-context.js';
import type { JobRow } from '../jobs/job-row.js';

/** Worker paths must lie in the attempt's scratch folder: a worker never hands over other files. */
function insideIncoming(mediaDir: string, path: string): boolean {
  const rel = relative(resolve(join(mediaDir, 'incoming')), resolve(path));
  return !!rel && !rel.startsWith('..') && !isAbsolute(rel);
}

/**
 * image.generate results: each output file moves into the media store with its provenance
 * (provider, model = checkpoint / diffusion model, job) and the result lists media ids instead
 * of scratch paths.
 */
export function registerImageHooks(core: Pick<CoreContext, 'hooks' | 'media' | 'dataDir'>): void {
  core.hooks.register(imageGenerate.kind, {
    async onSucceeded(job: JobRow, result: unknown) {
      const out = ImageGenerateOutput.parse(result);
      const input = ImageGenerateInput.safeParse(job.input);
      const files: GeneratedFile[] = [];
      for (const f of out.files) {
        if (!f.path) {
          files.push(f);
          continue;
        }
        if (!insideIncoming(core.dataDir.mediaDir, f.path)) throw new Error(`image.generate returned a file outside its scratch folder: ${f.path}`);
        const row = await core.media.ingestFile(
          f.path,
          {
            mime: f.mime,
            originalName: basename(f.path),
            provider: out.provider,
            model: out.model,
            jobId: job.id,
            meta: {
              workflow: out.workflow,
              seed: out.seed,
              promptId: out.promptId ?? null,
              prompt: input.success ? input.data.prompt : null,
              width: f.width ?? null,
              height: f.height ?? null,
            },
          },
          { move: true },
        );
        const { path: _scratch, ...rest } = f;
        files.push({ ...rest, mediaId: row.id });
      }
      return { ...out, files };
    },
  });
}
