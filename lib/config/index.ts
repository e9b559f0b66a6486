export { getConfig, parseConfig, ConfigError, resetConfigForTests } from "./load";
export type { Config } from "./schema";
