import { describe, expect, it } from "vitest";
import { csvHeaders } from "./csvHeaders";

describe("csvHeaders", () => {
  it("reads comma-separated headers, BOM and quotes aside", () => {
    expect(csvHeaders('\uFEFFFirst Name,"Last, Name",E-mail Address\r\nAda,Lovelace,ada@example.com')).toEqual(["First Name", "Last, Name", "E-mail Address"]);
  });
  it("detects a semicolon or tab delimiter", () => {
    expect(csvHeaders("Vorname;Nachname;E-Mail\nAda;Lovelace;a@b.c")).toEqual(["Vorname", "Nachname", "E-Mail"]);
    expect(csvHeaders("Name\tMail\n")).toEqual(["Name", "Mail"]);
  });
  it("honours Excel's sep= line and skips blank lines", () => {
    expect(csvHeaders("sep=;\n\nName;Company,Inc\n")).toEqual(["Name", "Company,Inc"]);
  });
  it("unescapes doubled quotes", () => {
    expect(csvHeaders('"The ""Mail""",Name')).toEqual(['The "Mail"', "Name"]);
  });
});
