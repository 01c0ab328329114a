/**
 * The WebAssembly kernels (kernels.wat, embedded at build time) and their memory, private to the package.
 *
 * The module is compiled synchronously on first use, so no API turns asynchronous; where WebAssembly, SIMD128 or
 * bulk memory is missing (the engine's own `WebAssembly.validate` of the module says so), or compiling is not allowed
 * (a Content-Security-Policy without 'wasm-unsafe-eval'), `wasmKernels()` returns null and the JS kernels run.
 * Memory grows to what a product needs, up to 2 GiB; a product that needed more than KEEP_BYTES drops the instance
 * afterwards, so its memory is garbage like any other buffer and the next product starts from a small memory again.
 */
/// <reference path="./wat.d.ts" />
import kernelsBase64 from './kernels.wat';

/** The part of the `WebAssembly` global used here (typed locally: the package compiles without DOM or Node types). */
interface WebAssemblyApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { readonly exports: object };
}

/** A `WebAssembly.Memory`: `grow` throws a RangeError when it cannot. */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

/** The exports of kernels.wat (byte pointers and byte strides; see the header there). */
export interface WasmKernels {
  readonly memory: WasmMemory;
  pack32(src: number, along: number, across: number, lines: number, depth: number, width: number, dst: number): void;
  pack64(src: number, along: number, across: number, lines: number, depth: number, width: number, dst: number): void;
  block_f32(
    rows: number,
    columns: number,
    depth: number,
    a: number,
    b: number,
    c: number,
    ldc: number,
    accumulate: number,
  ): void;
  block_f64(
    rows: number,
    columns: number,
    depth: number,
    a: number,
    b: number,
    c: number,
    ldc: number,
    accumulate: number,
  ): void;
  compact(c: number, rows: number, from: number, to: number, bytes: number): void;
}

const PAGE_BYTES = 65536;

/** The memory's declared maximum (kernels.wat): 2 GiB, so every byte offset is a positive i32. */
export const MAX_MEMORY_BYTES = 32768 * PAGE_BYTES;

/** Memory kept between products (64 MiB: a 2048x2048 float32 product with its operands fits). */
const KEEP_BYTES = 64 * 1024 * 1024;

const runtime = globalThis as { WebAssembly?: WebAssemblyApi; atob?: (base64: string) => string };

let compiled: object | null | undefined;
let instance: WasmKernels | null = null;

function compile(): object | null {
  const api = runtime.WebAssembly;
  const decode = runtime.atob;
  if (typeof api !== 'object' || typeof decode !== 'function') return null;
  try {
    const binary = decode(kernelsBase64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return api.validate(bytes) ? new api.Module(bytes) : null;
  } catch {
    return null;
  }
}

/** The kernels with their memory, compiled on first call; null where this engine cannot run them. */
export function wasmKernels(): WasmKernels | null {
  if (instance !== null) return instance;
  if (compiled === undefined) compiled = compile();
  if (compiled === null) return null;
  try {
    instance = new runtime.WebAssembly!.Instance(compiled).exports as WasmKernels;
  } catch {
    compiled = null;
  }
  return instance;
}

/**
 * Grows the kernels' memory to at least `bytes`; false (and nothing grown) when that is over MAX_MEMORY_BYTES or the
 * engine cannot allocate it, so that the caller runs the JS kernel instead.
 */
export function reserveMemory(kernels: WasmKernels, bytes: number): boolean {
  if (bytes > MAX_MEMORY_BYTES) return false;
  const memory = kernels.memory;
  const missing = bytes - memory.buffer.byteLength;
  if (missing <= 0) return true;
  try {
    memory.grow(Math.ceil(missing / PAGE_BYTES));
    return true;
  } catch {
    return false;
  }
}

/** Called after each product: drops an instance whose memory grew past KEEP_BYTES (the module stays compiled). */
export function releaseMemory(kernels: WasmKernels): void {
  if (kernels === instance && kernels.memory.buffer.byteLength > KEEP_BYTES) instance = null;
}
