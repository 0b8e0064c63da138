import { describe, expect, it } from 'vitest';
import { comboOptions, parseMessage } from '../../worker/providers/comfyui/api-types.js';
import { outputRefs } from '../../worker/providers/comfyui/outputs.js';
import { checkWorkflow, preflightMessage } from '../../worker/providers/comfyui/preflight.js';
import { PromptProgress } from '../../worker/providers/comfyui/progress.js';
import { fillTemplate, loadTemplate, WORKFLOW_NAMES, WorkflowTemplateSchema } from '../../worker/providers/comfyui/workflows.js';

describe('ComfyUI workflow templates', () => {
  it('every shipped template validates and fills with its defaults', () => {
    for (const name of WORKFLOW_NAMES) {
      const t = loadTemplate(name);
      expect(t.name).toBe(name);
      const { workflow, values } = fillTemplate(t, { prompt: 'p', seed: 1, ...(name === 'img2img' ? { image: 'in.png' } : {}) });
      expect(workflow[t.params.prompt!.node]!.inputs[t.params.prompt!.input]).toBe('p');
      expect(values[t.modelParam]).toBeTruthy();
      // Links stay links: the template graph is copied, not mutated.
      expect(t.workflow[t.params.prompt!.node]!.inputs[t.params.prompt!.input]).toBe('');
      for (const node of Object.values(workflow)) expect(t.requires.nodes).toContain(node.class_type);
    }
  });

  it('rejects unknown params, wrong types and sizes off the model grid', () => {
    const t = loadTemplate('txt2img');
    expect(() => fillTemplate(t, { colour: 'red' })).toThrow(/no param "colour"/);
    expect(() => fillTemplate(t, { steps: 2.5 })).toThrow(/integer/);
    expect(() => fillTemplate(t, { width: 500 })).toThrow(/multiple of 8/);
    expect(() => fillTemplate(t, { prompt: 3 })).toThrow(/string/);
  });

  it('a template whose param points at a missing node input is invalid', () => {
    const t = structuredClone(loadTemplate('txt2img'));
    t.params.prompt = { node: '6', input: 'txt', type: 'string' };
    expect(WorkflowTemplateSchema.safeParse(t).success).toBe(false);
  });

  it('preflight reads both combo encodings and lists what is missing', () => {
    const t = loadTemplate('txt2video');
    const { workflow, values } = fillTemplate(t, { prompt: 'p', seed: 1 });
    const info = {
      UNETLoader: { input: { required: { unet_name: [['other.safetensors'], {}] } } },
      CLIPLoader: { input: { required: { clip_name: ['COMBO', { options: ['umt5_xxl_fp8_e4m3fn_scaled.safetensors'] }] } } },
      VAELoader: { input: { required: { vae_name: [[], {}] } } },
      CLIPTextEncode: {}, KSampler: {}, VAEDecode: {}, ModelSamplingSD3: {},
    };
    const report = checkWorkflow(t, workflow, values, info);
    expect(report.missingNodes).toEqual(['EmptyHunyuanLatentVideo', 'SaveAnimatedWEBP']);
    expect(report.missingModels.map((m) => `${m.folder}/${m.name}`)).toEqual(['diffusion_models/wan2.1_t2v_1.3B_fp16.safetensors', 'vae/wan_2.1_vae.safetensors']);
    const msg = preflightMessage(report, 'http://127.0.0.1:8188', t);
    expect(msg).toContain('Missing nodes: EmptyHunyuanLatentVideo, SaveAnimatedWEBP');
    expect(msg).toContain('ComfyUI/models/diffusion_models/');
    expect(msg).toContain('Installed diffusion_models: other.safetensors');
    expect(comboOptions(info.CLIPLoader, 'clip_name')).toEqual(['umt5_xxl_fp8_e4m3fn_scaled.safetensors']);
  });
});

describe('ComfyUI protocol helpers', () => {
  it('progress is weighted, monotonic and stays below 1 until finish', () => {
    const p = new PromptProgress(loadTemplate('txt2img').workflow);
    const seen = [p.cached(['4']), p.executing('5'), p.executing('6'), p.executing('3'), p.step(1, 4), p.step(2, 4), p.executing('3'), p.step(4, 4), p.executing('8'), p.executed('9')];
    for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThanOrEqual(seen[i - 1]!);
    expect(seen.at(-1)!).toBeLessThan(1);
    expect(p.step(1, 4, '3')).toBeGreaterThanOrEqual(seen.at(-1)!); // a replayed node (reconnect) never moves it back
    expect(p.finish()).toBe(1);
  });

  it('parses messages, keeps unknown types and skips garbage', () => {
    expect(parseMessage('{"type":"executing","data":{"node":null,"prompt_id":"a"}}')).toEqual({ type: 'executing', data: { node: null, prompt_id: 'a' } });
    expect(parseMessage('{"type":"crystools.monitor","data":{}}')?.type).toBe('other');
    expect(parseMessage('not json')).toBeNull();
  });

  it('collects saved files from any output list and skips temp previews', () => {
    const refs = outputRefs({
      outputs: {
        '9': { images: [{ filename: 'a.png', subfolder: 'x', type: 'output' }] },
        '10': { images: [{ filename: 'p.png', subfolder: '', type: 'temp' }] },
        '28': { images: [{ filename: 'v.webp', subfolder: '', type: 'output' }], animated: [true] },
        '30': { gifs: [{ filename: 'c.mp4', subfolder: '', type: 'output', format: 'video/h264-mp4' }] },
      },
    });
    expect(refs.map((r) => r.ref.filename)).toEqual(['a.png', 'v.webp', 'c.mp4']);
  });
});
