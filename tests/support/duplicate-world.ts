// A seeded set of citizens with known duplicates, for the duplicate finder's precision and
// recall: distinct people, then copies of some of them as a clerk would re-enter them (a typo in
// a name, first and last name swapped, fields left out, a shortened street name), and hard
// negatives (family at the same address, people who share a birth date and an initial).
// Deterministic (seeded PRNG), so a failure reproduces.
import { createCitizen } from "@/lib/citizens/mutations";
import { createCitizenSchema } from "@/lib/citizens/schemas";
import type { TenantContext } from "@/lib/context/request-context";

const FIRST = [
  "Anna",
  "Pieter",
  "Maria",
  "Johan",
  "Sofia",
  "Daan",
  "Emma",
  "Lucas",
  "Julia",
  "Sem",
  "Tess",
  "Noah",
  "Lotte",
  "Finn",
  "Sara",
];
const LAST = [
  "Jansen",
  "de Vries",
  "Bakker",
  "Visser",
  "Smit",
  "Meijer",
  "de Boer",
  "Mulder",
  "de Groot",
  "Bos",
  "Vos",
  "Peters",
  "Hendriks",
  "Dekker",
];
const STREETS = ["Kerkstraat", "Dorpsweg", "Stationsplein", "Molenlaan", "Schoolstraat", "Hoofdstraat"];
const CITIES = ["Riverside", "Lakeview", "Hillcrest"];

export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Person = Record<string, string | undefined> & { firstName: string; lastName: string };

/** Swaps two neighbouring letters inside a word: "Maria" → "Mraia". */
function typo(word: string, r: () => number): string {
  if (word.length < 4) return word + word.at(-1);
  const i = 1 + Math.floor(r() * (word.length - 3));
  return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
}

export type DuplicateWorld = { ids: string[]; truePairs: Set<string>; people: Person[] };

export const pairKey = (x: string, y: string) => (x < y ? `${x}|${y}` : `${y}|${x}`);

export async function seedDuplicateWorld(ctx: TenantContext, opts: { people?: number; seed?: number } = {}) {
  const r = prng(opts.seed ?? 11);
  const n = opts.people ?? 60;
  const people: Person[] = [];
  for (let i = 0; i < n; i++) {
    const firstName = FIRST[i % FIRST.length]!;
    const lastName = LAST[Math.floor(i / FIRST.length) % LAST.length]!;
    const year = 1940 + Math.floor(r() * 65);
    const day = `${year}-${String(1 + Math.floor(r() * 12)).padStart(2, "0")}-${String(1 + Math.floor(r() * 28)).padStart(2, "0")}`;
    people.push({
      firstName,
      lastName,
      dateOfBirth: day,
      email: r() < 0.7 ? `${firstName}.${lastName}.${i}@example.org`.replace(/ /g, "").toLowerCase() : undefined,
      phone: r() < 0.5 ? `+31 6 ${String(10_000_000 + i * 7919).slice(0, 8)}` : undefined,
      nationalId: r() < 0.4 ? `NL${100_000 + i * 37}` : undefined,
      addressLine1: `${1 + Math.floor(r() * 200)} ${STREETS[i % STREETS.length]}`,
      postalCode: `${1000 + i * 13} AB`,
      city: CITIES[i % CITIES.length],
    });
  }
  const ids: string[] = [];
  for (const p of people) ids.push((await createCitizen(ctx, createCitizenSchema.parse(p))).id);

  const truePairs = new Set<string>();
  const copy = async (of: number, p: Person) => {
    const c = await createCitizen(ctx, createCitizenSchema.parse(p));
    ids.push(c.id);
    truePairs.add(pairKey(ids[of]!, c.id));
  };
  for (let i = 0; i < Math.min(20, n); i++) {
    const p = people[i]!;
    const kind = i % 5;
    if (kind === 0)
      await copy(i, {
        firstName: typo(p.firstName, r),
        lastName: p.lastName,
        dateOfBirth: p.dateOfBirth,
        city: p.city,
      });
    else if (kind === 1)
      await copy(i, {
        firstName: p.lastName,
        lastName: p.firstName,
        dateOfBirth: p.dateOfBirth,
        email: p.email,
        phone: p.phone,
      });
    else if (kind === 2) await copy(i, { firstName: p.firstName, lastName: p.lastName, dateOfBirth: p.dateOfBirth });
    else if (kind === 3)
      await copy(i, {
        firstName: p.firstName,
        lastName: typo(p.lastName.replace(/ /g, ""), r),
        addressLine1: p.addressLine1!.replace("straat", "str"),
        postalCode: p.postalCode,
        city: p.city,
      });
    else
      await copy(i, {
        firstName: p.firstName.slice(0, -1),
        lastName: p.lastName,
        nationalId: p.nationalId ?? `NL${100_000 + i * 37}`,
        email: p.email,
      });
  }
  // Hard negatives: a relative at the same address (other first name, other birth date), and
  // someone sharing a birth date and the initial of a first name.
  for (let i = 20; i < Math.min(30, n); i++) {
    const p = people[i]!;
    const other = FIRST[(FIRST.indexOf(p.firstName) + 7) % FIRST.length]!;
    const relative = {
      ...p,
      firstName: other,
      email: undefined,
      phone: undefined,
      nationalId: undefined,
      dateOfBirth: `${1960 + i}-0${1 + (i % 9)}-1${i % 10}`,
    };
    ids.push((await createCitizen(ctx, createCitizenSchema.parse(relative))).id);
    const namesake = {
      firstName: `${p.firstName[0]}${"xyzq".slice(0, 3)}o`,
      lastName: "Kramer",
      dateOfBirth: p.dateOfBirth,
    };
    ids.push((await createCitizen(ctx, createCitizenSchema.parse(namesake))).id);
  }
  return { ids, truePairs, people } satisfies DuplicateWorld;
}
