// Which value of a CSV record goes where, decided once from the header and the mapping
// (row.ts planColumns). Its own file: row.ts and cells.ts both read it, and cells.ts is what
// row.ts calls, so the type living in row.ts made an import cycle.
import type { CitizenImportField } from "./schemas";

export type ColumnPlan = {
  width: number;
  fields: Array<{ index: number; field: CitizenImportField }>;
  custom: Array<{ index: number; key: string }>;
};
