/**
 * Compiles the wrapped passes into WebGL2 programs. All shaders are submitted before any status
 * is queried so drivers with parallel compilation overlap the work; failures come back as
 * diagnostics on the user's lines.
 */
import { dedupeDiagnostics, parseCompileLog, SHADERTOY_UNIFORMS, VERTEX_SHADER, wrapPass, type RenderPassName } from '../../shared/shaders/glsl-wrap.js';
import type { CompileDiagnostic } from '../../shared/shaders/source.js';

export type UniformName = (typeof SHADERTOY_UNIFORMS)[number];

export interface PassProgram {
  pass: RenderPassName;
  program: WebGLProgram;
  uniforms: Record<UniformName, WebGLUniformLocation | null>;
}

export interface CompileResult {
  programs: PassProgram[] | null;
  diagnostics: CompileDiagnostic[];
}

function createShader(gl: WebGL2RenderingContext, type: number, code: string): WebGLShader {
  const shader = gl.createShader(type);
  if (!shader) throw new Error(gl.isContextLost() ? 'The WebGL context was lost' : 'gl.createShader failed');
  gl.shaderSource(shader, code);
  gl.compileShader(shader);
  return shader;
}

/** Compiles and links every pass; returns programs only when all of them succeeded. */
export function compilePasses(gl: WebGL2RenderingContext, passes: Array<{ pass: RenderPassName; code: string }>, common: string): CompileResult {
  const vertex = createShader(gl, gl.VERTEX_SHADER, VERTEX_SHADER);
  const jobs = passes.map((p) => {
    const wrapped = wrapPass(p.pass, p.code, common);
    return { ...p, wrapped, shader: createShader(gl, gl.FRAGMENT_SHADER, wrapped.code) };
  });
  const diagnostics: CompileDiagnostic[] = [];
  const linked: Array<{ job: (typeof jobs)[number]; program: WebGLProgram }> = [];
  for (const job of jobs) {
    const ok = gl.getShaderParameter(job.shader, gl.COMPILE_STATUS) as boolean;
    const log = gl.getShaderInfoLog(job.shader) ?? '';
    const parsed = parseCompileLog(log, job.wrapped.map);
    if (!ok) {
      diagnostics.push(
        ...(parsed.length ? parsed : [{ pass: job.pass, line: 0, column: null, severity: 'error' as const, message: gl.isContextLost() ? 'The WebGL context was lost while compiling' : 'Compilation failed without a message' }]),
      );
      continue;
    }
    diagnostics.push(...parsed);
    const program = gl.createProgram();
    if (!program) throw new Error('gl.createProgram failed');
    gl.attachShader(program, vertex);
    gl.attachShader(program, job.shader);
    gl.linkProgram(program);
    linked.push({ job, program });
  }
  const programs: PassProgram[] = [];
  for (const { job, program } of linked) {
    if (!(gl.getProgramParameter(program, gl.LINK_STATUS) as boolean)) {
      const log = (gl.getProgramInfoLog(program) ?? '').trim() || 'Linking failed without a message';
      diagnostics.push(...parseCompileLog(log, job.wrapped.map).map((d) => ({ ...d, message: `link: ${d.message}` })));
      gl.deleteProgram(program);
      continue;
    }
    const uniforms = {} as Record<UniformName, WebGLUniformLocation | null>;
    for (const name of SHADERTOY_UNIFORMS) uniforms[name] = gl.getUniformLocation(program, name);
    programs.push({ pass: job.pass, program, uniforms });
  }
  for (const job of jobs) gl.deleteShader(job.shader);
  gl.deleteShader(vertex);
  const failed = programs.length !== passes.length || diagnostics.some((d) => d.severity === 'error');
  if (failed) {
    for (const p of programs) gl.deleteProgram(p.program);
    return { programs: null, diagnostics: dedupeDiagnostics(diagnostics) };
  }
  return { programs, diagnostics: dedupeDiagnostics(diagnostics) };
}
