// The npm espeak-ng package ships an Emscripten ES module without types.
declare module 'espeak-ng' {
  const factory: (moduleArg?: Record<string, unknown>) => Promise<unknown>;
  export default factory;
}
