// Structured output: the model must call one tool whose input_schema is the zod schema's JSON
// Schema, and the tool input is parsed with the same zod schema before anyone uses it
// (DESIGN.md invariant 12). A reply that does not parse is the provider's failure (502,
// AiReplyShapeError, carrying the usage to settle); its content is neither shown nor logged,
// only the paths that failed.
import "server-only";
import { z } from "zod";
import { withAiFeature } from "@/lib/ai/log-context";
import { logger } from "@/lib/log/logger";
import { aiClient, resolveModel } from "./client";
import { AiReplyShapeError } from "./errors";
import { messageParams, usageFromSdk, type AiCallInput, type AiUsage } from "./types";
import { withRetries } from "./retry";

export type AiStructuredInput<S extends z.ZodType> = AiCallInput & {
  schema: S;
  toolName: string;
  toolDescription?: string;
};

export type AiStructuredResult<T> = { value: T; usage: AiUsage; model: string };

/** The tool's input_schema: the zod schema as JSON Schema, without the `$schema` marker. */
export function toolInputSchema(schema: z.ZodType): { type: "object"; [key: string]: unknown } {
  const json = z.toJSONSchema(schema) as Record<string, unknown>;
  delete json.$schema;
  if (json.type !== "object")
    throw new TypeError("completeStructured needs an object schema (tool input is an object)");
  return json as { type: "object"; [key: string]: unknown };
}

export function completeStructured<S extends z.ZodType>(
  input: AiStructuredInput<S>,
): Promise<AiStructuredResult<z.output<S>>> {
  return withAiFeature(input.feature, async () => {
    const { client, config } = aiClient();
    const model = resolveModel(input.feature, input.model);
    const inputSchema = toolInputSchema(input.schema);
    const message = await withRetries(
      () =>
        client.messages.create(
          {
            ...messageParams(input, model),
            stream: false,
            tools: [
              {
                name: input.toolName,
                input_schema: inputSchema,
                ...(input.toolDescription ? { description: input.toolDescription } : {}),
              },
            ],
            tool_choice: { type: "tool", name: input.toolName },
          },
          { signal: input.signal },
        ),
      { maxRetries: config.maxRetries, signal: input.signal },
    );
    const usage = usageFromSdk(message.usage);
    const block = message.content.find((b) => b.type === "tool_use" && b.name === input.toolName);
    if (!block || block.type !== "tool_use") {
      logger.warn({ stop_reason: message.stop_reason }, "AI reply did not call the forced tool");
      throw new AiReplyShapeError(usage);
    }
    const parsed = input.schema.safeParse(block.input);
    if (!parsed.success) {
      logger.warn(
        { tool: input.toolName, issues: parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.code}`) },
        "AI tool input did not match its schema",
      );
      throw new AiReplyShapeError(usage);
    }
    return { value: parsed.data, usage, model: message.model };
  });
}
