// Deterministic demo content: plausible names, places and requests for a municipality, so
// screenshots and tests look the same on every machine.
export const FIRST_NAMES = [
  "Amira",
  "Ben",
  "Chloé",
  "Dmitri",
  "Elena",
  "Farid",
  "Grace",
  "Hugo",
  "Ines",
  "Jonas",
  "Kofi",
  "Lena",
  "Mateo",
  "Nadia",
  "Olivier",
  "Priya",
  "Quentin",
  "Rosa",
  "Samir",
  "Tara",
  "Umar",
  "Vera",
  "William",
  "Yasmin",
  "Zoë",
  "Aoife",
  "Bilal",
  "Clara",
  "Dario",
  "Eun-ji",
];
export const LAST_NAMES = [
  "Achterberg",
  "Bianchi",
  "Campbell",
  "Dubois",
  "Eriksen",
  "Fernández",
  "García",
  "Hansen",
  "Ibrahim",
  "Jansen",
  "Kowalski",
  "Larsen",
  "Müller",
  "Nowak",
  "O'Brien",
  "Petrov",
  "Quinn",
  "Rossi",
  "Schmidt",
  "Takahashi",
  "Ursu",
  "Van Dijk",
  "Williams",
  "Xu",
  "Yilmaz",
  "Zimmermann",
];
export const CITIES = ["Northgate", "Riverside", "Old Town", "Harbour District", "Hillcrest", "Millbrook"];
export const TAGS = ["senior", "housing", "accessibility", "family", "business", "volunteer", "newcomer"];
export const CASE_TITLES = [
  "Pothole on residential street",
  "Request for housing benefit review",
  "Noise complaint about night-time construction",
  "Broken street light near school",
  "Question about waste collection schedule",
  "Parking permit renewal",
  "Accessible ramp at community centre",
  "Appeal against property tax assessment",
  "Request for a meeting with the councillor",
  "Overgrown trees blocking footpath",
  "Registration for adult language course",
  "Flooding in basement after storm",
  "Support applying for childcare subsidy",
  "Missed bulky waste pickup",
  "Complaint about bus stop shelter",
  "Request for copy of birth certificate",
];

/** Small seeded PRNG (mulberry32) so the demo data is the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}
