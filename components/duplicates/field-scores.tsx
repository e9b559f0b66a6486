// Each field's contribution to a pair's score, as the finder computed it (weights.ts): the
// reviewer sees why a pair was proposed, field by field, never a bare number.
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { DUPLICATE_FIELDS, FIELD_LABELS, type FieldScores, type Level } from "@/lib/citizens/duplicates/weights";

const TONE: Record<Level, BadgeTone> = { exact: "green", similar: "blue", different: "red", missing: "neutral" };
const LEVEL_TEXT: Record<Level, string> = {
  exact: "same",
  similar: "similar",
  different: "different",
  missing: "not on both",
};

const signed = (w: number) => (w > 0 ? `+${w.toFixed(1)}` : w.toFixed(1));

export function FieldScoresList({ fields }: { fields: FieldScores }) {
  return (
    <ul className="flex flex-wrap gap-1.5" aria-label="Score by field">
      {DUPLICATE_FIELDS.map((f) => {
        const s = fields[f];
        if (!s) return null;
        return (
          <li key={f}>
            <Badge tone={TONE[s.level]}>
              {FIELD_LABELS[f]}: {LEVEL_TEXT[s.level]}
              {s.swapped ? " (first and last swapped)" : ""} {signed(s.weight)}
            </Badge>
          </li>
        );
      })}
    </ul>
  );
}
