import type { Contact, NewLead } from "../api";

/** The profile fields the rep edits on the card, in the order the form shows them. */
export const profileFields = [
  ["title", "Title"],
  ["phone", "Phone"],
  ["mobilePhone", "Mobile phone"],
  ["street", "Street"],
  ["postalCode", "Postal code"],
  ["city", "City"],
  ["region", "Region"],
  ["country", "Country"],
  ["source", "Where first met"],
  ["firstMetOn", "When first met"],
  ["interest", "Interest"],
  ["background", "Background"],
] as const;

export type ProfileField = (typeof profileFields)[number][0];
export type Profile = Record<ProfileField, string>;

export function profileOf(c: Contact): Profile {
  return Object.fromEntries(profileFields.map(([f]) => [f, c[f] ?? ""])) as Profile;
}

/** A merge patch of what the rep changed against the version they started from: a cleared field becomes null. */
export function profilePatch(base: Profile, edited: Profile): NewLead {
  const patch: Record<string, string | null> = {};
  for (const [f] of profileFields) {
    const value = edited[f].trim();
    if (value !== base[f].trim()) patch[f] = value || null;
  }
  return patch as NewLead;
}

/** The fields whose values differ between two versions, with their labels: what a colleague changed meanwhile. */
export function changedFields(before: Profile, after: Profile): { label: string; value: string }[] {
  return profileFields.filter(([f]) => before[f] !== after[f]).map(([f, label]) => ({ label, value: after[f] }));
}
