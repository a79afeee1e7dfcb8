export * from './schema.js';
export { loadConfig, configDir, deepMerge, type LoadOptions } from './load.js';
export { ConfigError } from './config-error.js';
export { hasLiveCredentials, resolveMode } from './mode.js';
export { isLoopbackHost } from './loopback.js';
export {
  describeExposedFile,
  filesHoldingSecrets,
  filesReadableByOthers,
  type ExposedFile,
} from './secret-files.js';
export { configLoadFailure, diagnoseConfig, diagnoseCredentials } from './diagnose.js';
export { failedCheck } from './failed-check.js';
