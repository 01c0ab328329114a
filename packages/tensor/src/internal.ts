// @chainrule/tensor/internal: plumbing shared by the chainrule packages, not part of the public API (no semver
// promise). Packages that define classes of their own can use the brand helpers the same way.
export { acceptBrand, hasBrand, prototypeTest } from './brand';
export { differentiableOps } from './not-a-tensor';
export { type Capture, type Kernel, beginCapture, endCapture, isCapturing, recordLaunch } from './capture';
export { oneHotNamed } from './creation';
export { CODY_ERF } from './special';
