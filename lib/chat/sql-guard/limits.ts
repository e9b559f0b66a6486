/** Longer SQL is refused unparsed: no question over three views needs it. (No imports: the
 * chat's client-side schema reads it too, without pulling in the WASM parser.) */
export const MAX_CHAT_SQL_LENGTH = 8_000;
