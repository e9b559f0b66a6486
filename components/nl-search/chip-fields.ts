// The filters an interpreted search can set, per list, as the chips show and edit them: the
// list's URL key, its label, and how a person edits it (a choice or a text/day input). The same
// keys as the lists' filter forms (components/cases/case-filters.tsx, the citizens list page).
import { casePriorityLabel, caseStatusLabel } from "@/components/dashboard/case-labels";
import { CASE_PRIORITIES } from "@/lib/cases/schemas";
import { CASE_STATUSES } from "@/lib/cases/workflow";
import type { NlSearchList } from "@/lib/ai/features/nl-search/schemas";

export type ChipField =
  | { key: string; label: string; kind: "choice"; options: Array<{ value: string; label: string }> }
  | { key: string; label: string; kind: "text" | "day" };

const created: ChipField[] = [
  { key: "createdFrom", label: "Created from", kind: "day" },
  { key: "createdTo", label: "Created until", kind: "day" },
];

export function chipFields(list: NlSearchList, assignees: ReadonlyArray<{ id: string; name: string }>): ChipField[] {
  if (list === "citizens")
    return [
      { key: "q", label: "Search", kind: "text" },
      {
        key: "mode",
        label: "Match",
        kind: "choice",
        options: [
          { value: "text", label: "Words" },
          { value: "fuzzy", label: "Similar names" },
        ],
      },
      { key: "city", label: "City", kind: "text" },
      { key: "tag", label: "Tag", kind: "text" },
      ...created,
    ];
  return [
    { key: "q", label: "Title contains", kind: "text" },
    {
      key: "status",
      label: "Status",
      kind: "choice",
      options: [
        { value: "open", label: "Open (any)" },
        { value: "overdue", label: "Overdue" },
        ...CASE_STATUSES.map((s) => ({ value: s, label: caseStatusLabel[s] })),
      ],
    },
    {
      key: "priority",
      label: "Priority",
      kind: "choice",
      options: CASE_PRIORITIES.map((p) => ({ value: p, label: casePriorityLabel[p] })),
    },
    {
      key: "assignee",
      label: "Assignee",
      kind: "choice",
      options: [
        { value: "me", label: "Me" },
        { value: "none", label: "Nobody" },
        ...assignees.map((a) => ({ value: a.id, label: a.name })),
      ],
    },
    { key: "category", label: "Category", kind: "text" },
    ...created,
  ];
}

/** A chip's value in words: an option's label, a day as written, else the value itself. */
export function chipDisplay(field: ChipField, value: string): string {
  if (field.kind === "choice") return field.options.find((o) => o.value === value)?.label ?? value;
  return value;
}
