// The receiver as a library (`contactstate/server`): mount the plugin in your fastify app, or
// build the standalone server of `contactstate serve`.
export { contactstatePlugin, type ContactstatePluginOptions } from './plugin.js';
export { buildServer, type BuildOptions, type BuiltServer } from './buildServer.js';
export { configFromArgs, SERVE_USAGE, type ServerConfig } from './config.js';
export { createMetrics, type ContactstateMetrics } from './metrics.js';
export { signatureVerifier, eightByEightKeysFromFile, type SignatureVerifier, type SignatureSecrets, type SignatureInput } from './signatureCheck.js';
export * from '../store/index.js';
