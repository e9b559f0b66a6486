// The claim that carries "the session could not be checked" from Auth.js's jwt callback to
// currentUser(): Auth.js turns any exception in its callbacks into "no session" (and clears the
// cookie), so the callback returns the token with this claim instead, and the session callback
// passes it on. It is stripped again at the start of the next check.
export const SESSION_UNAVAILABLE_CLAIM = "dbUnavailable";
