export * from "./app-error";
export { fieldErrorsFromZod, validationErrorFromZod } from "./from-zod";
