export { type ExportOnnxOptions, exportOnnx, supportedOnnxOps } from './export-onnx';
export type { OnnxModel } from './trace';
export type { OnnxAttribute, OnnxInput, OnnxLowering, OnnxLoweringContext, OnnxValue } from './lowering';
export { OnnxExportError, UnsupportedOpError } from './errors';
