// Word lists for the benchmark data set: enough variety that names, places, tags and notes
// have realistic selectivity (a common surname is ~1-2% of a tenant, a rare one ~0.1%), with
// accents so unaccent() and the trigram index are exercised. The lists go to PostgreSQL as
// array parameters; rows are generated there (generate_series), not here.

export const FIRST_NAMES = [
  "John", "Jon", "Johan", "Johannes", "Jean", "Juan", "José", "Joël", "Jan", "Jana",
  "Maria", "María", "Marie", "Mariëlle", "Anna", "Anne", "Ana", "Hannah", "Sarah", "Sara",
  "Emma", "Olivia", "Sophie", "Sofia", "Mila", "Lotte", "Fleur", "Sanne", "Eva", "Julia",
  "Liam", "Noah", "Lucas", "Luca", "Daan", "Sem", "Finn", "Levi", "Milan", "Thomas",
  "Mohammed", "Ahmed", "Fatima", "Aisha", "Yusuf", "Omar", "Layla", "Ömer", "Ayşe", "Mehmet",
  "Zoë", "Chloé", "Hélène", "Renée", "François", "Benoît", "Léa", "Théo", "Maëlle", "Noémie",
  "Björn", "Søren", "Åsa", "Ingrid", "Lars", "Sven", "Astrid", "Øystein", "Kristín", "Jörg",
  "Łukasz", "Małgorzata", "Zofia", "Piotr", "Agnieszka", "Dorota", "Tomasz", "Katarzyna", "Paweł", "Wojciech",
  "Wei", "Li", "Yuki", "Haruto", "Min-jun", "Ji-woo", "Priya", "Arjun", "Ananya", "Rohan",
  "Peter", "Pieter", "Paul", "Michael", "David", "Daniel", "Elena", "Irina", "Dmitri", "Olga",
];

export const LAST_NAMES = [
  "Smith", "Smit", "Smits", "Schmidt", "Smyth", "Jansen", "Janssen", "Johnson", "Jones", "Brown",
  "de Vries", "van den Berg", "van Dijk", "Bakker", "Visser", "Meijer", "de Boer", "Mulder", "de Groot", "Bos",
  "Müller", "Schneider", "Fischer", "Weber", "Schäfer", "Groß", "Köhler", "Böhm", "Krüger", "Hoffmann",
  "García", "Martínez", "Fernández", "López", "González", "Rodríguez", "Pérez", "Sánchez", "Núñez", "Gómez",
  "Dubois", "Lefèvre", "Lefebvre", "Moreau", "Girard", "Mercier", "Bonnet", "Lambert", "Fontaine", "Rousseau",
  "Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kamiński", "Lewandowski", "Zieliński", "Szymański", "Woźniak", "Dąbrowski",
  "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco",
  "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Öztürk", "Aydın", "Özdemir", "Arslan", "Doğan",
  "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nielsen", "Ødegaard", "Sørensen", "Lindqvist",
  "Wang", "Li", "Zhang", "Chen", "Kim", "Park", "Patel", "Sharma", "Singh", "O'Brien",
];

export const CITIES = [
  "Riverside", "Northgate", "Old Town", "Harbour District", "Hillcrest", "Millbrook", "Eastfield", "Westbury",
  "Southwick", "Lakeside", "Greenhill", "Stonebridge", "Ashford", "Brookvale", "Cedar Park", "Fairhaven",
  "Kingsmere", "Longmeadow", "Maplewood", "Newhaven", "Oakridge", "Pinecrest", "Queensbury", "Rosedale",
  "Saint-Rémy", "Sankt Jürgen", "Évreux-le-Bas", "Zürichberg", "Łąki", "Ærøby",
];

export const STREETS = ["Main Street", "Church Lane", "Station Road", "Market Square", "Mill Lane", "Kerkstraat", "Rue de la Gare", "Hauptstraße", "Ulica Polna", "Harbour Walk"];

/** Tags with the share of citizens carrying each (independent draws: 0-3 tags a row typically). */
export const TAGS: Array<[string, number]> = [
  ["senior", 0.18], ["housing", 0.12], ["family", 0.1], ["newsletter", 0.08], ["business", 0.05],
  ["accessibility", 0.04], ["newcomer", 0.03], ["volunteer", 0.02], ["disability-support", 0.01], ["veteran", 0.005],
];

/** Sentences notes are made of; "appointment" is deliberately common (a full-text probe). */
export const NOTE_SENTENCES = [
  "Called about the housing benefit application.",
  "Requested an appointment with social services.",
  "Prefers contact by phone in the morning.",
  "Moved recently; confirm the new postal code.",
  "Asked about the waste collection schedule.",
  "Needs wheelchair access for appointments.",
  "Missed the last appointment, rescheduled by email.",
  "Interested in volunteering at the community centre.",
  "Complained about noise from the construction site.",
  "Applied for a parking permit for residents.",
  "Follow up on the childcare subsidy next week.",
  "Speaks Dutch and English; interpreter not needed.",
  "Reported a broken street light near the school.",
  "Wants to be informed about the neighbourhood meeting.",
  "Appointment confirmed for the language course intake.",
  "Owns a small bakery; asked about business permits.",
  "Pension question forwarded to the regional office.",
  "Asked for a copy of the birth certificate.",
  "Signed up for the energy saving programme.",
  "Received the letter about property tax assessment.",
];

export const CASE_TITLES = [
  "Pothole on residential street", "Request for housing benefit review", "Noise complaint about night-time construction",
  "Broken street light near school", "Question about waste collection schedule", "Parking permit renewal",
  "Accessible ramp at community centre", "Appeal against property tax assessment", "Request for a meeting with the councillor",
  "Overgrown trees blocking footpath", "Registration for adult language course", "Flooding in basement after storm",
  "Support applying for childcare subsidy", "Missed bulky waste pickup", "Complaint about bus stop shelter",
  "Request for copy of birth certificate",
];

export const CASE_CATEGORIES = ["roads", "housing", "waste", "permits", "social", "taxes", "education", "other"];
