import { ShaderRenderInput } from '../../../shared/shaders/render-contract.js';
import { AppError } from '../errors.js';
import { checkSource } from './shader-service.js';

/**
 * A shader.render job is admitted only when its source passes the same static checks as a save
 * (checkSource, the save path's own function): POST /render, POST /jobs and MCP get the same 422
 * with diagnostics instead of a queued job that can only fail.
 */
export function admitRender(input: unknown): void {
  const parsed = ShaderRenderInput.safeParse(input);
  if (!parsed.success) return; // the kind's input schema already refused it
  try {
    checkSource(parsed.data.source);
  } catch (err) {
    if (err instanceof AppError && err.code === 'compile_failed') {
      throw new AppError(err.status, err.code, err.message.replace('cannot be saved', 'cannot be rendered'), err.details);
    }
    throw err;
  }
}
