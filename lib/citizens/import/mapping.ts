// Suggests which citizen field each CSV column fills, from its header. Files come from other
// systems and other countries: "First name", "first_name", "FIRSTNAME", "Voornaam" and
// "Prénom" all mean firstName. Headers are normalised (accents, case, spaces and punctuation
// dropped) and compared with known names; the user reviews the suggestion before anything is
// validated. Client-safe and pure: the mapping table runs it too.
import { CITIZEN_IMPORT_FIELDS, type CitizenImportField, type ImportMapping } from "./schemas";

/** "Date of Birth", "date_of_birth", "dateOfBirth", "Geburts-Datum " → "dateofbirth". */
export function normaliseHeader(header: string): string {
  return header
    .normalize("NFKD")
    .replace(/\p{M}/gu, "") // combining accents left by NFKD: "é" → "e"
    .replace(/ß/g, "ss")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

// Normalised names per field: English first, then Dutch, French, German, Spanish, and the
// column names of our own export (first_name, national_id, …) so an export imports back.
const SYNONYMS: Record<CitizenImportField, string[]> = {
  firstName: [
    "firstname",
    "givenname",
    "forename",
    "first",
    "fname",
    "voornaam",
    "roepnaam",
    "prenom",
    "vorname",
    "nombre",
  ],
  lastName: [
    "lastname",
    "surname",
    "familyname",
    "last",
    "lname",
    "achternaam",
    "familienaam",
    "nom",
    "nomdefamille",
    "nachname",
    "familienname",
    "apellido",
    "apellidos",
  ],
  email: [
    "email",
    "emailaddress",
    "mail",
    "emailadres",
    "mailadres",
    "courriel",
    "adresseemail",
    "emailadresse",
    "correo",
    "correoelectronico",
  ],
  phone: [
    "phone",
    "phonenumber",
    "telephone",
    "tel",
    "mobile",
    "mobilephone",
    "cell",
    "cellphone",
    "gsm",
    "telefoon",
    "telefoonnummer",
    "mobiel",
    "telephoneportable",
    "portable",
    "telefon",
    "telefonnummer",
    "handy",
    "telefono",
    "movil",
  ],
  nationalId: [
    "nationalid",
    "nationalidnumber",
    "nationalnumber",
    "idnumber",
    "ssn",
    "socialsecuritynumber",
    "nin",
    "nationalinsurancenumber",
    "bsn",
    "burgerservicenummer",
    "rijksregisternummer",
    "insz",
    "numeronational",
    "numerodesecuritesociale",
    "personalausweisnummer",
    "steueridentifikationsnummer",
    "dni",
    "nie",
  ],
  dateOfBirth: [
    "dateofbirth",
    "dob",
    "birthdate",
    "birthday",
    "born",
    "geboortedatum",
    "geboren",
    "datedenaissance",
    "naissance",
    "geburtsdatum",
    "geburtstag",
    "fechadenacimiento",
  ],
  addressLine1: [
    "addressline1",
    "address1",
    "address",
    "street",
    "streetaddress",
    "adres",
    "straat",
    "straatnaam",
    "adresse",
    "rue",
    "strasse",
    "anschrift",
    "direccion",
    "calle",
  ],
  addressLine2: ["addressline2", "address2", "adres2", "adresse2", "complementdadresse", "adresszusatz"],
  postalCode: ["postalcode", "postcode", "zip", "zipcode", "codepostal", "cp", "plz", "postleitzahl", "codigopostal"],
  city: [
    "city",
    "town",
    "place",
    "municipality",
    "woonplaats",
    "plaats",
    "gemeente",
    "stad",
    "ville",
    "commune",
    "localite",
    "stadt",
    "ort",
    "wohnort",
    "ciudad",
    "localidad",
    "municipio",
  ],
  country: ["country", "countrycode", "land", "pays", "staat", "pais"],
  preferredLanguage: [
    "preferredlanguage",
    "language",
    "lang",
    "locale",
    "taal",
    "voorkeurstaal",
    "langue",
    "sprache",
    "idioma",
  ],
  tags: ["tags", "tag", "labels", "label", "etiketten", "etiquettes", "schlagworte", "etiquetas"],
  notes: [
    "notes",
    "note",
    "comments",
    "comment",
    "remarks",
    "remark",
    "opmerkingen",
    "opmerking",
    "notities",
    "remarques",
    "commentaire",
    "notizen",
    "bemerkungen",
    "notas",
    "comentarios",
  ],
};

const BY_NAME: ReadonlyMap<string, CitizenImportField> = new Map(
  CITIZEN_IMPORT_FIELDS.flatMap((field) => SYNONYMS[field].map((name) => [name, field] as const)),
);

/** Custom fields are recognised by key ("membership_no"), label ("Membership no."), or "cf.<key>". */
export type SuggestableCustomField = { key: string; label: string };

/**
 * A suggested mapping for these headers: each column gets at most one field, each field at
 * most one column (the first that matches), unknown columns map to "" (ignored).
 */
export function suggestMapping(
  columns: readonly string[],
  customFields: readonly SuggestableCustomField[] = [],
): ImportMapping {
  const custom = new Map<string, string>();
  for (const f of customFields) {
    custom.set(normaliseHeader(f.key), `cf.${f.key}`);
    custom.set(normaliseHeader(`cf.${f.key}`), `cf.${f.key}`);
    if (!custom.has(normaliseHeader(f.label))) custom.set(normaliseHeader(f.label), `cf.${f.key}`);
  }
  const taken = new Set<string>();
  const mapping: ImportMapping = {};
  for (const column of columns) {
    if (Object.hasOwn(mapping, column)) continue; // a repeated header name keeps its first suggestion
    const name = normaliseHeader(column);
    // A built-in field wins over a custom field of the same name ("city" is always city).
    const field = BY_NAME.get(name) ?? custom.get(name) ?? "";
    if (field && !taken.has(field)) {
      taken.add(field);
      mapping[column] = field;
    } else {
      mapping[column] = "";
    }
  }
  return mapping;
}
