// Shaped like the admin lists (a heading, a search box, table rows), as the overview's.
export { default } from "../(overview)/loading";
