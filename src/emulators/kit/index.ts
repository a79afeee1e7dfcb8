export { Clock } from './clock.js';
export { CallLog, type CallRecord, type CallSummary } from './calls.js';
export { FaultInjector, type FaultSpec, type FaultKind } from './faults.js';
export { startHttpServer, readBody, sendReply, type Reply, type RunningServer } from './http.js';
export { Router, type RequestContext } from './router.js';
export { answerDelay, latencySwitchDefinitions, type LatencySwitchDefinitions } from './latency.js';
export {
  choice,
  range,
  Switches,
  type ChoiceSwitch,
  type RangeSwitch,
  type SwitchDefinition,
  type SwitchDefinitions,
  type SwitchValues,
} from './switches.js';
export {
  EmulatorServer,
  type ApiContext,
  type ApiHandler,
  type EmulatorDialect,
  type ServeOptions,
} from './emulator-server.js';
export { controlCall } from './control-call.js';
