// The bulk classification form's id, in a plain module: the server-rendered cases table puts its
// checkboxes in that form (form="…"), and a constant exported from a "use client" module would
// reach a server component as a client reference, not as the string.
export const BULK_FORM_ID = "bulk-classify-form";
