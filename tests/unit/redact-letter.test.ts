// National IDs are taken out of a pasted letter before intake sends it to the model; phone
// numbers, postal codes and dates, which intake extracts, stay.
import { REDACTED, redactLetter } from "@/lib/ai/features/intake/redact-letter";

test.each([
  ["My national number is 85.07.30-033.61, please help.", `My national number is ${REDACTED}, please help.`],
  ["Rijksregisternummer: 85073003361", `Rijksregisternummer: ${REDACTED}`],
  ["BSN 123456782 en adres", `BSN ${REDACTED} en adres`],
  ["National ID no. 12-34-56 789", `National ID no. ${REDACTED}`],
  ["SSN: 078-05-1120.", `SSN: ${REDACTED}.`],
  ["ref 85 07 30-033 61", `ref ${REDACTED}`],
])("removes %s", (input, expected) => {
  const out = redactLetter(input);
  expect(out.text).toBe(expected);
  expect(out.redactions).toBe(1);
});

test("keeps what intake needs", () => {
  const letter = "Call me on +32 470 12 34 56 or 0470123456. Kerkstraat 17, 9000 Gent. Since 2026-11-02.";
  expect(redactLetter(letter)).toEqual({ text: letter, redactions: 0 });
});
