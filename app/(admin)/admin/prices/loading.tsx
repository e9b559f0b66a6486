// Shaped like the admin lists (a heading, table rows), as the overview's.
export { default } from "../(overview)/loading";
