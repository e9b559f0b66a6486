"use client";
// The table header's "select every case on this page" box: ticks or clears the rows' boxes of
// the bulk classification form (they are plain form inputs, so selection works without this).
import { BULK_FORM_ID } from "./form-id";

export function SelectAllCases() {
  return (
    <input
      type="checkbox"
      aria-label="Select every case on this page"
      className="size-4"
      onChange={(e) => {
        const boxes = document.querySelectorAll<HTMLInputElement>(`input[form="${BULK_FORM_ID}"][name="caseIds"]`);
        for (const box of boxes) box.checked = e.currentTarget.checked;
      }}
    />
  );
}
