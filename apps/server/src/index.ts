export {
  type BuildServerOptions,
  buildServer,
  type Capability,
  type CapabilityContext,
  CORE_CAPABILITIES,
} from "./build-server.ts";
export { problemSchema } from "./shared/problem.ts";
export { registerWeb } from "./web/index.ts";
