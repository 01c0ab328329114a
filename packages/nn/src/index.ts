export { StateDictError, SafetensorsError } from './errors';
export { Parameter } from './parameter';
export { type LoadStateDictOptions, Module } from './module';
export { type DenseOptions, Dense } from './dense';
export { Sequential } from './sequential';
export { logSoftmax, relu, sigmoid, softmax, tanh } from './activations';
export { LogSoftmax, ReLU, Sigmoid, Softmax, Tanh } from './activation-modules';
export type { LossInput } from './loss-inputs';
export { mse, sse } from './losses';
export { binaryCrossEntropyWithLogits } from './binary-cross-entropy';
export { crossEntropy } from './cross-entropy';
export { Optimizer } from './optimizer';
export { type SGDOptions, SGD } from './sgd';
export { type AdamOptions, Adam } from './adam';
export {
  type Initializer,
  computeFans,
  heNormal,
  heUniform,
  normal,
  uniform,
  xavierNormal,
  xavierUniform,
} from './init';
export { type StateDictJSON, STATE_DICT_JSON_FORMAT, stateDictFromJSON, stateDictToJSON } from './state-dict-json';
export { saveSafetensors } from './safetensors-write';
export { type SafetensorsContents, loadSafetensors } from './safetensors-read';
