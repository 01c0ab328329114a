/** Internal: the mutable state of the autograd engine, shared by every copy of this package in one program. */
export interface SharedState {
  /** Whether ops record the graph (see `isRecording`). */
  recording: boolean;
  /** Last epoch number handed out to a traversal or a backward walk (marks on the nodes compare against it). */
  epoch: number;
  /** Number of backward walks running (a backward rule calling `gradients()` nests one). */
  activeWalks: number;
}

// NOTE: a program can load both builds of this package (ESM and CommonJS) and mix their Vars in one graph. Both then
// use this one state object, found through `Symbol.for`: `noGrad` of either build stops both from recording, and
// epoch marks left on a node by one build's walk can never be mistaken for the other's.
const stateKey = Symbol.for('@chainrule/autograd.state.v1');
const holder = globalThis as unknown as Record<symbol, SharedState | undefined>;

/** Internal: the engine state (created by the first copy of the package that loads). */
holder[stateKey] ??= { recording: true, epoch: 0, activeWalks: 0 };
export const shared: SharedState = holder[stateKey];
