export * from "./app-error";
export { fieldErrorsFromZod, parseInput, validationErrorFromZod } from "./from-zod";
