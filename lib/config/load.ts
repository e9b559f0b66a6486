// Parses the environment once. A bad or missing value becomes a ConfigError whose message
// names every offending variable and what it expects, so a failed start says exactly why.
import { configSchema, type Config } from "./schema";

export class ConfigError extends Error {
  constructor(readonly problems: Array<{ variable: string; message: string }>) {
    super(
      "Invalid configuration:\n" +
        problems.map((p) => `  - ${p.variable}: ${p.message}`).join("\n") +
        "\nSee .env.example for every variable and its format.",
    );
    this.name = "ConfigError";
  }
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = configSchema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => ({
      variable: String(issue.path[0] ?? "(environment)"),
      message: issue.message,
    })),
  );
}

let cached: Config | undefined;

/** The validated configuration of this process (parsed on first use, then cached). */
export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

/** For tests that change the environment between cases. */
export function resetConfigForTests(): void {
  cached = undefined;
}
