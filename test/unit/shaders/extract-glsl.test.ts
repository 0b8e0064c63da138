import { describe, expect, it } from 'vitest';
import { staticCheck } from '../../../shared/shaders/static-checks.js';
import { extractGlsl } from '../../../worker/generate/shader/extract-glsl.js';
import { failureText, retryPrompt, SYSTEM_PROMPT } from '../../../worker/generate/shader/prompts.js';

const MAIN = `void mainImage(out vec4 fragColor, in vec2 fragCoord) {
    vec2 uv = fragCoord / iResolution.xy;
    fragColor = vec4(uv, 0.5 + 0.5 * sin(iTime), 1.0);
}`;

describe('extractGlsl', () => {
  it('keeps a bare reply as it is', () => {
    expect(extractGlsl(MAIN)).toBe(`${MAIN}\n`);
  });

  it('takes the fenced block that holds mainImage and drops the prose around it', () => {
    const reply = `Sure! Here is your shader:\n\n\`\`\`glsl\n// helper\nfloat f(float x) { return x * x; }\n${MAIN}\n\`\`\`\n\nThis shader paints a gradient. Enjoy!`;
    expect(extractGlsl(reply)).toBe(`// helper\nfloat f(float x) { return x * x; }\n${MAIN}\n`);
  });

  it('prefers the block with mainImage over other blocks', () => {
    const reply = '```\nconst float A = 1.0;\n```\nand the main part:\n```glsl\n' + MAIN + '\n```';
    expect(extractGlsl(reply)).toBe(`${MAIN}\n`);
  });

  it('copes with an unterminated fence', () => {
    expect(extractGlsl('```glsl\n' + MAIN)).toBe(`${MAIN}\n`);
  });

  it('drops prose before the code and after mainImage, keeping helpers defined after it', () => {
    const reply = `Here you go.\nfloat g(float x);\n${MAIN}\nfloat g(float x) {\n    return x;\n}\nLet me know if you want changes.`;
    expect(extractGlsl(reply)).toBe(`float g(float x);\n${MAIN}\nfloat g(float x) {\n    return x;\n}\n`);
  });

  it('removes what the studio wrapper declares itself (#version, precision, Shadertoy uniforms)', () => {
    const reply = `#version 300 es\nprecision highp float;\nuniform float iTime;\nuniform vec3 iResolution;\nuniform vec4 iMouse;\nuniform float uOwn;\n${MAIN}`;
    const code = extractGlsl(reply);
    expect(code).toBe(`uniform float uOwn;\n${MAIN}\n`);
    expect(staticCheck({ image: { code } }).filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('returns an empty string when the reply holds no code at all', () => {
    expect(extractGlsl('')).toBe('');
  });
});

describe('generation prompts (seed 000 §7)', () => {
  it('the system prompt carries the seed rules', () => {
    expect(SYSTEM_PROMPT).toContain('Entry point must be: void mainImage(out vec4 fragColor, in vec2 fragCoord)');
    expect(SYSTEM_PROMPT).toContain('Respond with ONLY the GLSL code.');
  });

  it('the retry prompt follows the seed template with the error and the failing code', () => {
    const text = retryPrompt("ERROR: line 3: 'foo' : undeclared identifier", 'void mainImage(out vec4 c, in vec2 f) { c = foo; }');
    expect(text).toBe(
      "Previous attempt failed with this GLSL compiler error:\nERROR: line 3: 'foo' : undeclared identifier\nPlease fix the shader. Here is the failing code:\nvoid mainImage(out vec4 c, in vec2 f) { c = foo; }\nCorrected shader (GLSL only):",
    );
  });

  it('compile errors are listed per line; other failures explain themselves', () => {
    const diag = [{ pass: 'image' as const, line: 3, column: null, severity: 'error' as const, message: "'foo' : undeclared identifier" }];
    expect(failureText({ code: 'compile_error', message: 'x' }, diag)).toBe("ERROR: line 3: 'foo' : undeclared identifier");
    expect(failureText({ code: 'all_black', message: 'All 8 sampled frames are black' }, [])).toMatch(/^all_black: All 8 sampled frames are black\. .*fragColor/);
  });
});
