import { z } from 'zod';
import { MAX_LINE_CHARS, MAX_TITLE_CHARS, VideoScript } from '../../../shared/video/script.js';
import type { LlmClient } from '../../providers/llm/types.js';
import { languageName } from './language.js';
import { speechSec, wordsOf } from './timing.js';

const Text = (max: number) => z.string().trim().min(1).max(max);

/** What the model gets and gives back: the title and each scene's lines, by scene id, nothing else. */
interface SpokenPart {
  title: string;
  scenes: { id: string; lines: string[] }[];
}

function spokenPart(script: VideoScript): SpokenPart {
  return { title: script.title, scenes: script.scenes.map((s) => ({ id: s.id, lines: s.dialog.map((d) => d.text) })) };
}

/**
 * The translation answer, checked against the source so a drifting model is sent back: the same
 * scene ids in the same order, the same number of lines per scene, and not the source text
 * echoed back unchanged.
 */
export function translationAnswer(source: SpokenPart) {
  return z
    .object({ title: Text(MAX_TITLE_CHARS), scenes: z.array(z.object({ id: z.string(), lines: z.array(Text(MAX_LINE_CHARS)) })) })
    .superRefine((a, ctx) => {
      const want = source.scenes.map((s) => s.id).join(', ');
      if (a.scenes.map((s) => s.id).join(', ') !== want) {
        ctx.addIssue({ code: 'custom', path: ['scenes'], message: `give the scenes with the ids ${want}, in that order` });
        return;
      }
      a.scenes.forEach((s, i) => {
        const n = source.scenes[i]!.lines.length;
        if (s.lines.length !== n) ctx.addIssue({ code: 'custom', path: ['scenes', i, 'lines'], message: `scene ${s.id} has ${n} line${n === 1 ? '' : 's'}: translate each one, one for one` });
      });
      const src = source.scenes.flatMap((s) => s.lines);
      const out = a.scenes.flatMap((s) => s.lines);
      if (src.some((l) => wordsOf(l).length >= 3) && out.every((l, i) => l.trim() === src[i]?.trim())) {
        ctx.addIssue({ code: 'custom', path: ['scenes'], message: 'the lines are unchanged: translate them' });
      }
    });
}

export interface TranslatedScript {
  script: VideoScript;
  provider: string;
  model: string;
  attempts: number;
  warnings: string[];
}

/**
 * The script with its title and spoken lines in another language, by the LLM (there is no
 * offline translation). Scene ids, order, cameras, durations, descriptions, actions and speaker
 * names stay: the pictures do not change with the dub, and the render keys them on those.
 */
export async function translateScript(client: LlmClient, script: VideoScript, from: string, to: string, opts: { signal?: AbortSignal }): Promise<TranslatedScript> {
  const source = spokenPart(script);
  const fromName = languageName(from);
  const toName = languageName(to);
  const res = await client.json(translationAnswer(source), {
    name: 'video_translation',
    system: [
      `You translate the narration and dialogue of a short video from ${fromName} into ${toName}.`,
      `Translate the title and every line into natural spoken ${toName}, one line for one line, keeping each scene id.`,
      'Keep each line about as long as the original: it is spoken over the same pictures in the same time.',
      'Keep names of people and places as they are usually written in the target language. Answer with the same JSON shape.',
    ].join('\n'),
    messages: [{ role: 'user', content: JSON.stringify(source) }],
    temperature: 0.2,
    maxRepairs: 2,
    signal: opts.signal,
  });
  const warnings: string[] = [];
  const scenes = script.scenes.map((scene, i) => {
    const lines = res.value.scenes[i]!.lines;
    const need = speechSec(lines);
    if (need > scene.durationSec + 0.05 && need > speechSec(scene.dialog.map((d) => d.text)) + 0.05) {
      warnings.push(`Scene ${scene.id}: the ${toName} lines need about ${need.toFixed(1)} s to say, longer than the scene's ${scene.durationSec} s`);
    }
    return { ...scene, dialog: scene.dialog.map((d, j) => ({ ...d, text: lines[j]! })) };
  });
  return { script: VideoScript.parse({ title: res.value.title, scenes }), provider: res.provider, model: res.model, attempts: res.attempts, warnings };
}
