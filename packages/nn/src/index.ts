export { StateDictError, SafetensorsError } from './errors';
export { ModuleBuffer, Parameter } from './parameter';
export { type LoadStateDictOptions, Module } from './module';
export { type DenseOptions, Dense } from './layers/dense';
export { Sequential } from './layers/sequential';
export { type LayerNormOptions, LayerNorm } from './layers/layer-norm';
export { type DropoutOptions, Dropout } from './layers/dropout';
export { type EmbeddingOptions, Embedding } from './layers/embedding';
export {
  elu,
  gelu,
  leakyRelu,
  logSigmoid,
  logSoftmax,
  relu,
  sigmoid,
  silu,
  softmax,
  softplus,
  tanh,
} from './layers/activations';
export {
  ELU,
  GELU,
  LeakyReLU,
  LogSigmoid,
  LogSoftmax,
  ReLU,
  SiLU,
  Sigmoid,
  Softmax,
  Softplus,
  Tanh,
} from './layers/activation-modules';
export type { LossInput } from './losses/loss-inputs';
export { mse, sse } from './losses/squared-error';
export { binaryCrossEntropyWithLogits } from './losses/binary-cross-entropy';
export { crossEntropy } from './losses/cross-entropy';
export { Optimizer } from './optim/optimizer';
export { type SGDOptions, SGD } from './optim/sgd';
export { type AdamOptions, Adam } from './optim/adam';
export { type AdamWOptions, AdamW } from './optim/adamw';
export { type RMSpropOptions, RMSprop } from './optim/rmsprop';
export { LRScheduler } from './optim/lr-scheduler';
export {
  type Schedule,
  chainSchedules,
  cosineDecay,
  exponentialDecay,
  linearWarmup,
  sequentialSchedules,
  stepDecay,
} from './optim/schedules';
export { clipGradNorm } from './optim/clip-grad-norm';
export {
  type Initializer,
  computeFans,
  heNormal,
  heUniform,
  normal,
  uniform,
  xavierNormal,
  xavierUniform,
} from './layers/init';
export type { Dataset, Subset } from './data/dataset';
export { type BatchesOptions, Batches, batches } from './data/batches';
export { type TrainTestSplitOptions, trainTestSplit } from './data/train-test-split';
export { type StateDictJSON, STATE_DICT_JSON_FORMAT, stateDictFromJSON, stateDictToJSON } from './io/state-dict-json';
export { saveSafetensors } from './io/safetensors-write';
export { type SafetensorsContents, loadSafetensors } from './io/safetensors-read';
export { loadTorchStateDict, toTorchStateDict } from './io/torch-state-dict';
