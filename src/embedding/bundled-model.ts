/**
 * Whether a model ships in MODELS_DIR. Kept apart from the transformers.js
 * wrapper so the main thread can ask without importing onnxruntime (only the
 * embed worker loads the model).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

/** True when `<modelsDir>/<modelId>` holds a transformers.js model. */
export function isBundledModel(modelsDir: string, modelId: string): boolean {
  return existsSync(path.join(modelsDir, modelId, 'config.json'));
}
