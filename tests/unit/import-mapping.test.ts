// Header normalisation and the suggested column → field mapping of the citizen CSV import,
// plus the upload's input schemas and request body checks (what the browser and the API send).
import { normaliseHeader, suggestMapping } from "@/lib/citizens/import/mapping";
import { csvRequestBody } from "@/lib/citizens/import/request-body";
import {
  commitImportSchema,
  importMappingSchema,
  importRowsQuerySchema,
  importUploadSchema,
} from "@/lib/citizens/import/schemas";

describe("normaliseHeader", () => {
  test.each([
    ["First name", "firstname"],
    ["first_name", "firstname"],
    ["firstName", "firstname"],
    ["  FIRST-NAME ", "firstname"],
    ["Prénom", "prenom"],
    ["Straße", "strasse"],
    ["E-mail", "email"],
    ["Date of Birth (YYYY-MM-DD)", "dateofbirthyyyymmdd"],
    ["address_line1", "addressline1"],
    ["cf.member_no", "cfmemberno"],
    ["", ""],
  ])("%j → %j", (input, expected) => {
    expect(normaliseHeader(input)).toBe(expected);
  });
});

describe("suggestMapping", () => {
  test("English, Dutch, French and German headers map to the same fields", () => {
    expect(suggestMapping(["First name", "Last name", "Email", "Phone", "Date of birth"])).toEqual({
      "First name": "firstName",
      "Last name": "lastName",
      Email: "email",
      Phone: "phone",
      "Date of birth": "dateOfBirth",
    });
    expect(
      suggestMapping([
        "voornaam",
        "achternaam",
        "e-mailadres",
        "telefoonnummer",
        "geboortedatum",
        "woonplaats",
        "postcode",
        "opmerkingen",
      ]),
    ).toEqual({
      voornaam: "firstName",
      achternaam: "lastName",
      "e-mailadres": "email",
      telefoonnummer: "phone",
      geboortedatum: "dateOfBirth",
      woonplaats: "city",
      postcode: "postalCode",
      opmerkingen: "notes",
    });
    expect(suggestMapping(["Prénom", "Nom", "Courriel", "Date de naissance", "Code postal", "Ville"])).toEqual({
      Prénom: "firstName",
      Nom: "lastName",
      Courriel: "email",
      "Date de naissance": "dateOfBirth",
      "Code postal": "postalCode",
      Ville: "city",
    });
    expect(suggestMapping(["Vorname", "Nachname", "Geburtsdatum", "Straße", "PLZ", "Ort"])).toEqual({
      Vorname: "firstName",
      Nachname: "lastName",
      Geburtsdatum: "dateOfBirth",
      Straße: "addressLine1",
      PLZ: "postalCode",
      Ort: "city",
    });
  });

  test("our own export's header maps back (a round trip), ignoring id and timestamps", () => {
    const header = [
      "id",
      "first_name",
      "last_name",
      "email",
      "phone",
      "national_id",
      "date_of_birth",
      "address_line1",
      "address_line2",
      "postal_code",
      "city",
      "country",
      "preferred_language",
      "tags",
      "created_at",
      "updated_at",
      "cf.member_no",
    ];
    expect(suggestMapping(header, [{ key: "member_no", label: "Membership number" }])).toEqual({
      id: "",
      first_name: "firstName",
      last_name: "lastName",
      email: "email",
      phone: "phone",
      national_id: "nationalId",
      date_of_birth: "dateOfBirth",
      address_line1: "addressLine1",
      address_line2: "addressLine2",
      postal_code: "postalCode",
      city: "city",
      country: "country",
      preferred_language: "preferredLanguage",
      tags: "tags",
      created_at: "",
      updated_at: "",
      "cf.member_no": "cf.member_no",
    });
  });

  test("custom fields by key or label; a built-in field wins over a custom field of the same name", () => {
    const defs = [
      { key: "member_no", label: "Membership number" },
      { key: "city", label: "Town of origin" },
    ];
    expect(suggestMapping(["Membership Number", "Town of origin", "City"], defs)).toEqual({
      "Membership Number": "cf.member_no",
      "Town of origin": "cf.city",
      City: "city",
    });
    expect(suggestMapping(["MEMBER_NO"], defs)).toEqual({ MEMBER_NO: "cf.member_no" });
  });

  test("each field is suggested once (first column wins); unknown and repeated columns are ignored", () => {
    expect(suggestMapping(["Email", "E-mail", "Shoe size", "Email", "__proto__", "constructor"])).toEqual({
      Email: "email",
      "E-mail": "",
      "Shoe size": "",
      __proto__: "",
      constructor: "",
    });
  });

  test("the suggestion always passes the mapping schema once first and last name are found", () => {
    const suggested = suggestMapping(["Voornaam", "Achternaam", "Email", "Mail"]);
    expect(importMappingSchema.safeParse(suggested).success).toBe(true);
  });
});

describe("import input schemas", () => {
  test("mapping: JSON text or object; targets are fields, cf.<key> or empty; no field twice; names required", () => {
    expect(importMappingSchema.parse('{"A":"firstName","B":"lastName","C":"","D":"cf.member_no"}')).toEqual({
      A: "firstName",
      B: "lastName",
      C: "",
      D: "cf.member_no",
    });
    const fail = (v: unknown) => {
      const r = importMappingSchema.safeParse(v);
      expect(r.success).toBe(false);
      return r.error!.issues.map((i) => i.message).join(" | ");
    };
    expect(fail({ A: "firstName" })).toMatch(/last name/);
    expect(fail({ A: "firstName", B: "lastName", C: "lastName" })).toMatch(/"B" and "C" both fill Last name/);
    expect(fail({ A: "firstName", B: "lastName", C: "consents" })).toMatch(/Choose a citizen field/);
    expect(fail({ A: "firstName", B: "lastName", C: "cf.Bad Key" })).toMatch(/Choose a citizen field/);
    expect(fail("{not json")).toMatch(/JSON object/);
    expect(fail(null)).toMatch(/JSON object/);
  });

  test("upload: file name defaults, job id must be a UUID", () => {
    const mapping = JSON.stringify({ a: "firstName", b: "lastName" });
    expect(importUploadSchema.parse({ mapping, fileName: null, jobId: null })).toEqual({
      fileName: "import.csv",
      mapping: { a: "firstName", b: "lastName" },
    });
    expect(importUploadSchema.safeParse({ mapping, jobId: "123" }).success).toBe(false);
    expect(importUploadSchema.safeParse({ mapping, fileName: "x".repeat(300) }).success).toBe(false);
  });

  test("commit and report queries", () => {
    expect(commitImportSchema.parse({ mode: "valid_only" })).toEqual({ mode: "valid_only", skipDuplicates: false });
    expect(commitImportSchema.parse({ mode: "all", skipDuplicates: true })).toEqual({
      mode: "all",
      skipDuplicates: true,
    });
    expect(commitImportSchema.safeParse({ mode: "some" }).success).toBe(false);
    expect(commitImportSchema.safeParse(null).success).toBe(false);
    expect(importRowsQuerySchema.parse({ kind: "invalid", cursor: "12" })).toEqual({
      kind: "invalid",
      cursor: 12,
      limit: 100,
    });
    expect(importRowsQuerySchema.safeParse({ kind: "all" }).success).toBe(false);
    expect(importRowsQuerySchema.safeParse({ kind: "invalid", cursor: "-1" }).success).toBe(false);
    expect(importRowsQuerySchema.safeParse({ kind: "invalid", cursor: "abc" }).success).toBe(false);
  });
});

describe("the upload's request body", () => {
  const req = (headers: Record<string, string>, body: string | null = "a,b\nx,y\n") =>
    new Request("http://civitas.test/upload", { method: "POST", headers, body });
  const MAX = 1000;

  test("a CSV body with its length is accepted", () => {
    const { body, expectedBytes } = csvRequestBody(req({ "content-type": "text/csv", "content-length": "8" }), MAX, {
      requireLength: true,
    });
    expect(body).toBeInstanceOf(ReadableStream);
    expect(expectedBytes).toBe(8);
  });

  test.each([
    [{ "content-type": "multipart/form-data; boundary=x", "content-length": "8" }, /CSV file itself/],
    [{ "content-type": "application/json", "content-length": "8" }, /CSV file itself/],
    [{ "content-type": "text/csv", "content-length": "5000" }, /larger than/],
    [{ "content-type": "text/csv" }, /Content-Length/],
    [{ "content-type": "text/csv", "content-length": "0" }, /no file/],
  ])("%j is refused with a message", (headers, message) => {
    expect(() => csvRequestBody(req(headers), MAX, { requireLength: true })).toThrow(message);
  });

  test("the preview does not need a length", () => {
    expect(csvRequestBody(req({ "content-type": "text/csv" }), MAX).expectedBytes).toBeUndefined();
  });
});
