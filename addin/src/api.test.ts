import { describe, expect, test } from "vitest";
import { describeProblem } from "./api";

describe("describeProblem", () => {
  test("joins title, detail and field errors", () => {
    expect(describeProblem({ status: 400, title: "One or more validation errors occurred.", errors: { dueAt: ["dueAt is required."], note: ["is too long"] } })).toBe(
      "One or more validation errors occurred. — dueAt is required. — note: is too long",
    );
  });

  test("says the status when the answer has no words", () => {
    expect(describeProblem({ status: 502 })).toBe("The LeadMail API answered 502.");
    expect(describeProblem({ status: 500, title: "  ", detail: null })).toBe("The LeadMail API answered 500.");
  });

  test("keeps the title and detail of a precondition failure", () => {
    expect(describeProblem({ status: 412, title: "The contact changed meanwhile", detail: 'The contact\'s current ETag is "3". Reload it and apply your change again.' })).toBe(
      'The contact changed meanwhile — The contact\'s current ETag is "3". Reload it and apply your change again.',
    );
  });
});
