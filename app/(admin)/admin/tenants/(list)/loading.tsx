// The admin lists share the overview's skeleton (a heading, a search box, table rows).
export { default } from "../../(overview)/loading";
