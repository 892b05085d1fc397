/**
 * How each known model wants to be used. A model id not listed here gets the
 * sentence-transformers defaults (mean pooling, no query instruction).
 */

export interface ModelProfile {
  readonly pooling: 'cls' | 'mean';
  /** Prepended to short queries (not to passages), as the model card prescribes. */
  readonly queryInstruction: string;
}

const BGE_V15: ModelProfile = {
  // bge was trained with the [CLS] state as the sentence embedding, not the mean of tokens.
  pooling: 'cls',
  queryInstruction: 'Represent this sentence for searching relevant passages: ',
};

const PROFILES: Readonly<Record<string, ModelProfile>> = {
  'BAAI/bge-small-en-v1.5': BGE_V15,
  'BAAI/bge-base-en-v1.5': BGE_V15,
  'Xenova/bge-small-en-v1.5': BGE_V15,
  'Xenova/bge-base-en-v1.5': BGE_V15,
};

const DEFAULT_PROFILE: ModelProfile = { pooling: 'mean', queryInstruction: '' };

export function modelProfile(modelId: string): ModelProfile {
  return PROFILES[modelId] ?? DEFAULT_PROFILE;
}
