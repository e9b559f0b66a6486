// The details of a case as form fields, shared by the "new case" and "edit details" forms so both
// ask the same questions the same way. Names match lib/cases/schemas.ts (caseFieldsSchema).
import { casePriorityLabel } from "@/components/dashboard/case-labels";
import { FieldError } from "@/components/ui/field-error";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { CASE_PRIORITIES } from "@/lib/cases/schemas";
import { textareaClasses } from "./field-styles";
import type { FieldErrors } from "@/components/forms/use-form";

export type CaseFieldValues = {
  title: string;
  description: string;
  category: string;
  priority: string;
  assigneeId: string;
  dueAt: string;
};
export type CaseFieldName = keyof CaseFieldValues;
export type Assignee = { id: string; name: string };

type Props = {
  idPrefix: string;
  values: CaseFieldValues;
  fieldErrors?: FieldErrors;
  assignees: Assignee[];
  /** Shown when the current assignee can no longer be picked (left, or became a viewer). */
  currentAssignee?: Assignee | null;
  /** Given: the fields are controlled (the edit form tracks edits). Absent: values are defaults. */
  onChange?: (name: CaseFieldName, value: string) => void;
};

/** Assignable members, plus the current assignee when they are not among them any more. */
export function assigneeOptions(
  assignees: Assignee[],
  currentId: string | null | undefined,
  current?: Assignee | null,
): Assignee[] {
  if (!currentId || assignees.some((a) => a.id === currentId)) return assignees;
  return [
    ...assignees,
    {
      id: currentId,
      name: `${current?.id === currentId ? current.name : "Former member"} (cannot be assigned new work)`,
    },
  ];
}

export function CaseFields({ idPrefix, values, fieldErrors = {}, assignees, currentAssignee, onChange }: Props) {
  const field = (name: CaseFieldName) => {
    const errors = fieldErrors[name];
    return {
      id: `${idPrefix}-${name}`,
      name,
      ...(onChange
        ? {
            value: values[name],
            onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
              onChange(name, e.target.value),
          }
        : { defaultValue: values[name] }),
      "aria-invalid": errors?.length ? true : undefined,
      "aria-describedby": errors?.length ? `${idPrefix}-${name}-error` : undefined,
    };
  };
  const error = (name: CaseFieldName) => <FieldError id={`${idPrefix}-${name}-error`} messages={fieldErrors[name]} />;

  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <div className="sm:col-span-2">
        <Label htmlFor={`${idPrefix}-title`}>Title</Label>
        <Input {...field("title")} required maxLength={200} autoComplete="off" className="mt-1.5" />
        {error("title")}
      </div>
      <div className="sm:col-span-2">
        <Label htmlFor={`${idPrefix}-description`}>
          Description <span className="font-normal text-muted-foreground">(optional)</span>
        </Label>
        <textarea {...field("description")} rows={5} maxLength={10_000} className={textareaClasses("mt-1.5")} />
        {error("description")}
      </div>
      <div>
        <Label htmlFor={`${idPrefix}-category`}>
          Category <span className="font-normal text-muted-foreground">(optional)</span>
        </Label>
        <Input {...field("category")} maxLength={60} placeholder="e.g. housing" className="mt-1.5" />
        {error("category")}
      </div>
      <div>
        <Label htmlFor={`${idPrefix}-priority`}>Priority</Label>
        <Select {...field("priority")} className="mt-1.5">
          {CASE_PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {casePriorityLabel[p]}
            </option>
          ))}
        </Select>
        {error("priority")}
      </div>
      <div>
        <Label htmlFor={`${idPrefix}-assigneeId`}>Assignee</Label>
        <Select {...field("assigneeId")} className="mt-1.5">
          <option value="">Unassigned</option>
          {assigneeOptions(assignees, values.assigneeId, currentAssignee).map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </Select>
        {error("assigneeId")}
      </div>
      <div>
        <Label htmlFor={`${idPrefix}-dueAt`}>
          Due date <span className="font-normal text-muted-foreground">(optional)</span>
        </Label>
        <Input {...field("dueAt")} type="date" className="mt-1.5" />
        {error("dueAt")}
      </div>
    </div>
  );
}
