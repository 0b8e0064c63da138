/**
 * Turns one Shadertoy-style pass (Common + the pass's `mainImage`) into a complete WebGL2
 * (GLSL ES 3.00) fragment shader, and maps compiler log lines back to the user's own pass and
 * line. Pure: used by the renderer bundle and by the worker.
 */
import type { CompileDiagnostic, PassName } from './source.js';
import { splitLines } from './glsl-text.js';

export type RenderPassName = Exclude<PassName, 'common'>;

/** `#extension` lines whose features are core in GLSL ES 3.00: dropped (with a warning) instead of refused. */
export const CORE_EXTENSIONS = ['GL_OES_standard_derivatives', 'GL_EXT_shader_texture_lod', 'GL_EXT_frag_depth', 'GL_EXT_draw_buffers'] as const;

const EXTENSION_LINE = /^\s*#\s*extension\s+(\w+)/;

/** Full-screen triangle from gl_VertexID: no vertex buffer needed. */
export const VERTEX_SHADER = `#version 300 es
void main() {
  vec2 p = vec2(float((gl_VertexID << 1) & 2), float(gl_VertexID & 2));
  gl_Position = vec4(p * 2.0 - 1.0, 0.0, 1.0);
}
`;

/** Uniform names the wrapper declares, for the engine's location cache. */
export const SHADERTOY_UNIFORMS = [
  'iResolution',
  'iTime',
  'iTimeDelta',
  'iFrame',
  'iFrameRate',
  'iMouse',
  'iDate',
  'iSampleRate',
  'iChannelResolution',
  'iChannelTime',
  'iChannel0',
  'iChannel1',
  'iChannel2',
  'iChannel3',
] as const;

const HEADER = `#version 300 es
precision highp float;
precision highp int;
precision highp sampler2D;
uniform vec3 iResolution;
uniform float iTime;
uniform float iTimeDelta;
uniform int iFrame;
uniform float iFrameRate;
uniform vec4 iMouse;
uniform vec4 iDate;
uniform float iSampleRate;
uniform vec3 iChannelResolution[4];
uniform float iChannelTime[4];
uniform sampler2D iChannel0;
uniform sampler2D iChannel1;
uniform sampler2D iChannel2;
uniform sampler2D iChannel3;
out vec4 auteur_FragColor;
#define HW_PERFORMANCE 1
#define texture2D texture
#define texture2DLod textureLod
#define texture2DLodEXT textureLod
#define texture2DGradEXT textureGrad
`;

/** Image output is opaque like Shadertoy's; buffers keep the alpha the shader wrote. */
function footer(pass: RenderPassName): string {
  return `
void main() {
  vec4 color = vec4(0.0, 0.0, 0.0, 1.0);
  mainImage(color, gl_FragCoord.xy);
${pass === 'image' ? '  color.a = 1.0;\n' : ''}  auteur_FragColor = color;
}
`;
}

export interface LineSegment {
  pass: PassName;
  /** First line of the segment in the wrapped source (1-based). */
  start: number;
  count: number;
}

/** Where each line of a wrapped shader came from. */
export interface LineMap {
  /** The pass this shader renders (errors in the studio's own header/footer are reported against it). */
  pass: RenderPassName;
  segments: LineSegment[];
  totalLines: number;
}

export interface WrappedPass {
  code: string;
  map: LineMap;
}

/**
 * Makes user text acceptable to the compiler without moving any line: core extensions are
 * blanked and characters outside ASCII (legal only in comments; the static checks refuse them
 * elsewhere) become spaces, since WebGL rejects non-ASCII sources outright.
 */
export function sanitizeLines(code: string): string[] {
  return splitLines(code).map((line) => {
    const ext = EXTENSION_LINE.exec(line);
    if (ext && (CORE_EXTENSIONS as readonly string[]).includes(ext[1] ?? '')) return '';
    return line.replace(/[^\t\n\r\x20-\x7e]/g, ' ');
  });
}

/** Wraps `code` (a buffer or the image pass) with Common prepended. */
export function wrapPass(pass: RenderPassName, code: string, common = ''): WrappedPass {
  const header = splitLines(HEADER.trimEnd());
  const lines: string[] = [...header];
  const segments: LineSegment[] = [];
  const add = (segPass: PassName, text: string): void => {
    const body = sanitizeLines(text);
    segments.push({ pass: segPass, start: lines.length + 1, count: body.length });
    lines.push(...body);
  };
  if (common.trim()) add('common', common);
  add(pass, code);
  lines.push(...splitLines(footer(pass)));
  return { code: lines.join('\n'), map: { pass, segments, totalLines: lines.length } };
}

/** The user's pass and line for a line of the wrapped source; null inside the studio's header/footer. */
export function mapLine(map: LineMap, wrappedLine: number): { pass: PassName; line: number } | null {
  for (const s of map.segments) {
    if (wrappedLine >= s.start && wrappedLine < s.start + s.count) return { pass: s.pass, line: wrappedLine - s.start + 1 };
  }
  return null;
}

// ANGLE/SwiftShader (Chromium): "ERROR: 0:12: 'x' : undeclared identifier"
const ANGLE = /^\s*(ERROR|WARNING)\s*:\s*(\d+):(\d+)\s*:\s*(.*)$/i;
// Mesa: "0:12(5): error: ..."
const MESA = /^\s*(\d+):(\d+)\((\d+)\)\s*:\s*(error|warning)\s*:\s*(.*)$/i;
// NVIDIA: "0(12) : error C1008: ..."
const NVIDIA = /^\s*(\d+)\((\d+)\)\s*:\s*(error|warning)\s*[A-Z]?\d*\s*:\s*(.*)$/i;
const SUMMARY = /^\s*(ERROR|WARNING)\s*:\s*\d+ compilation errors?\.?/i;

function diagnostic(map: LineMap, severity: 'error' | 'warning', wrappedLine: number, column: number | null, message: string): CompileDiagnostic {
  const at = mapLine(map, wrappedLine);
  if (at) return { pass: at.pass, line: at.line, column, severity, message: message.trim() };
  // A line of the studio's own wrapper: almost always a wrong mainImage signature.
  const hint = /mainImage/.test(message) ? ' (expected: void mainImage(out vec4 fragColor, in vec2 fragCoord))' : ' (in the code the studio adds around your pass)';
  return { pass: map.pass, line: 0, column, severity, message: `${message.trim()}${hint}` };
}

/**
 * Parses a shader info log into diagnostics on the user's lines. Lines it cannot parse are kept
 * as line-0 diagnostics so no compiler message is lost.
 */
export function parseCompileLog(log: string, map: LineMap): CompileDiagnostic[] {
  const out: CompileDiagnostic[] = [];
  for (const raw of splitLines(log)) {
    const line = raw.replace(/\0/g, '').trim();
    if (!line || SUMMARY.test(line)) continue;
    let m: RegExpExecArray | null;
    if ((m = ANGLE.exec(line))) {
      out.push(diagnostic(map, m[1]!.toUpperCase() === 'ERROR' ? 'error' : 'warning', Number(m[3]), null, m[4] ?? ''));
    } else if ((m = MESA.exec(line))) {
      out.push(diagnostic(map, m[4]!.toLowerCase() === 'error' ? 'error' : 'warning', Number(m[2]), Number(m[3]), m[5] ?? ''));
    } else if ((m = NVIDIA.exec(line))) {
      out.push(diagnostic(map, m[3]!.toLowerCase() === 'error' ? 'error' : 'warning', Number(m[2]), null, m[4] ?? ''));
    } else {
      out.push({ pass: map.pass, line: 0, column: null, severity: 'error', message: line });
    }
  }
  return out;
}

/** Drops repeats: an error in Common shows up once per pass that includes it. */
export function dedupeDiagnostics(list: CompileDiagnostic[]): CompileDiagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = `${d.pass}:${d.line}:${d.column}:${d.severity}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const PASS_LABEL: Record<PassName, string> = { common: 'Common', A: 'Buffer A', B: 'Buffer B', C: 'Buffer C', D: 'Buffer D', image: 'Image' };

export function passLabel(pass: PassName): string {
  return PASS_LABEL[pass];
}

/** "Image line 12: 'x' : undeclared identifier" — for CLI output and failure messages. */
export function formatDiagnostic(d: CompileDiagnostic): string {
  const where = d.line > 0 ? `${passLabel(d.pass)} line ${d.line}${d.column !== null ? `:${d.column}` : ''}` : passLabel(d.pass);
  return `${where}: ${d.severity === 'warning' ? 'warning: ' : ''}${d.message}`;
}
