export type SavedViewItem = { id: string; name: string; query: Record<string, string>; shared: boolean; mine: boolean };
