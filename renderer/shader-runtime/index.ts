/** The shader runtime for the studio UI (ShaderCanvas) and the headless renderer. */
export { ShaderEngine, type EngineOptions, type FrameParams, type GlInfo, type LoadResult } from './engine.js';
export { PlaybackClock, shadertoyDate } from './clock.js';
export { ShaderPlayer, type PlayerOptions } from './player.js';
export { MouseState } from './mouse-state.js';
export { attachMouse, canvasPoint } from './mouse.js';
export { KeyboardState, KEYBOARD_ROWS, KEYBOARD_WIDTH } from './keyboard-state.js';
export { attachKeyboard } from './keyboard.js';
export { textureData, type TextureData, type TextureName } from './texture-data.js';
export type { BufferFormat } from './targets.js';
