// Checksums must be Prisma's (sha256 hex of migration.sql) so both tools share one history.
import { checksumMatches, migrationChecksum } from "../../lib/db/migrations/checksum";

describe("migrationChecksum", () => {
  it("is the lowercase sha256 hex of the script", () => {
    expect(migrationChecksum("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(migrationChecksum("SELECT 1;\n")).toMatch(/^[0-9a-f]{64}$/);
  });

  it("hashes UTF-8 bytes", () => {
    // sha256 of the two bytes C3 A9 (same as `printf 'é' | sha256sum`).
    expect(migrationChecksum("\u00e9")).toBe("4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c");
  });
});

describe("checksumMatches", () => {
  const lf = "CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n";
  const crlf = lf.replace(/\n/g, "\r\n");

  it("accepts the exact script", () => {
    expect(checksumMatches(lf, migrationChecksum(lf))).toBe(true);
  });

  it("accepts the same script with the other line endings (git autocrlf)", () => {
    expect(checksumMatches(crlf, migrationChecksum(lf))).toBe(true);
    expect(checksumMatches(lf, migrationChecksum(crlf))).toBe(true);
  });

  it("accepts an uppercase stored checksum", () => {
    expect(checksumMatches(lf, migrationChecksum(lf).toUpperCase())).toBe(true);
  });

  it("rejects any other change", () => {
    expect(checksumMatches(`${lf}-- edited\n`, migrationChecksum(lf))).toBe(false);
  });
});
