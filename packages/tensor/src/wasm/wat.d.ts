/** A WebAssembly text file, compiled at build time (build/wat.mjs): the module's bytes in base64. */
declare module '*.wat' {
  const base64: string;
  export default base64;
}
