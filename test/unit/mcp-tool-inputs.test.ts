import { describe, expect, it } from 'vitest';
import { snakeCaseKeys } from '../../electron/host/mcp/tool-kit.js';
import { MCP_TOOL_INPUTS } from '../../shared/mcp/tools.js';

describe('MCP tool inputs are strict', () => {
  it('every tool refuses an argument it does not know, naming what it takes', () => {
    for (const [name, schema] of Object.entries(MCP_TOOL_INPUTS)) {
      const r = schema.safeParse({ definitely_not_an_argument: 1 });
      expect(r.success, name).toBe(false);
      expect(r.error!.issues.map((i) => i.message).join('\n'), name).toMatch(new RegExp(`Unknown argument "definitely_not_an_argument": ${name} takes `));
    }
  });

  it('a camelCase spelling of a real field gets its snake_case name suggested', () => {
    const r = MCP_TOOL_INPUTS.submit_shader.safeParse({ glslCode: 'x', title: 't', fulfillsDesireId: 'd' });
    const messages = r.error!.issues.map((i) => i.message);
    expect(messages).toContainEqual(expect.stringContaining('"glslCode" (did you mean "glsl_code"?), "fulfillsDesireId" (did you mean "fulfills_desire_id"?)'));
  });

  it('known arguments still parse, with their defaults', () => {
    expect(MCP_TOOL_INPUTS.browse_shaders.parse({ query: 'neon' })).toEqual({ query: 'neon', sort: 'trending', shader_type: 'all', limit: 10 });
  });
});

describe('snakeCaseKeys', () => {
  it('renames camelCase field names at any depth and leaves values, ids and other keys alone', () => {
    const out = snakeCaseKeys({ promptText: 'keepThisValue', styleHints: { temperatureLabel: 'cool' }, list: [{ heatScore: 1 }], KSampler: 1, 'abc-123': { nextCursor: null }, tags: ['camelCaseTag'] });
    expect(out).toEqual({ prompt_text: 'keepThisValue', style_hints: { temperature_label: 'cool' }, list: [{ heat_score: 1 }], KSampler: 1, 'abc-123': { next_cursor: null }, tags: ['camelCaseTag'] });
  });
});
