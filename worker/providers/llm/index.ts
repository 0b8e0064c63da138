// Public surface of the LLM / embeddings provider layer (see docs in select.ts and types.ts).
export type { ChatRequest, ChatResult, ClientOptions, EmbedOptions, JsonRequest, JsonResult, LlmClient, LlmMessage, LlmProviderId, Usage } from './types.js';
export { selectLlm, LLM_PROVIDER_ORDER, type LlmCapability, type SelectOptions } from './select.js';
export { OllamaClient, type OllamaClientOptions } from './ollama.js';
export { OpenAiCompatibleClient, normalizeOpenAiUrl, OPENAI_DEFAULT_URL, OPENAI_EMBEDDING_MODEL, type OpenAiClientOptions } from './openai-compatible.js';
export { AnthropicClient, ANTHROPIC_DEFAULT_URL, type AnthropicClientOptions } from './anthropic.js';
export { unloadAll, pullModel, listOllamaModels, loadedOllamaModels, ollamaVersion, ollamaModelCapabilities, OLLAMA_DEFAULT_URL, type OllamaModelInfo } from './ollama-admin.js';
export { createLlmModules, LLM_MODULES, type LlmModuleOptions } from './modules.js';
export { prepareSchema, extractJson } from './structured.js';
