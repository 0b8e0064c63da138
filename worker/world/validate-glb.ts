import gltfValidator from 'gltf-validator';

/** The Khronos glTF validator's verdict on a GLB (the "does it validate" check). */
export interface GlbValidation {
  errors: number;
  warnings: number;
  validator: string;
  /** The first few error/warning messages, for the job's warnings or its failure. */
  messages: string[];
}

export async function validateGlb(bytes: Uint8Array): Promise<GlbValidation> {
  const report = (await gltfValidator.validateBytes(bytes, { maxIssues: 50, externalResourceFunction: () => Promise.reject(new Error('external resources are not allowed')) })) as {
    issues: { numErrors: number; numWarnings: number; messages: Array<{ code: string; message: string; severity: number; pointer?: string }> };
  };
  const messages = report.issues.messages.filter((m) => m.severity <= 1).slice(0, 5).map((m) => `${m.code}: ${m.message}${m.pointer ? ` (${m.pointer})` : ''}`);
  return { errors: report.issues.numErrors, warnings: report.issues.numWarnings, validator: `gltf-validator ${gltfValidator.version()}`, messages };
}
