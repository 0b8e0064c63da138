/** gltf-validator ships no type declarations; the part of its API the world generator uses. */
declare module 'gltf-validator' {
  interface ValidationOptions {
    uri?: string;
    format?: 'glb' | 'gltf';
    maxIssues?: number;
    ignoredIssues?: string[];
    externalResourceFunction?: (uri: string) => Promise<Uint8Array>;
  }
  const validator: {
    version(): string;
    validateBytes(data: Uint8Array, options?: ValidationOptions): Promise<unknown>;
  };
  export default validator;
}
