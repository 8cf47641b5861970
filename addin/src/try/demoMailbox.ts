import type { DemoItem, DemoPerson } from "./officeStandIn";

// The sync worker's demo people (sync-worker/LeadMail.SyncWorker/Demo/SampleMailbox.cs): its reps at contoso.com and
// its first leads, so the items here match what `dotnet run --project sync-worker/LeadMail.SyncWorker -- demo` seeds.
export const demoReps: DemoPerson[] = [
  { email: "alice@contoso.com", name: "Alice" },
  { email: "bob@contoso.com", name: "Bob" },
  { email: "carol@contoso.com", name: "Carol" },
];

const ana = { email: "ana.ahmed0@fabrikam.com", name: "Ana Ahmed" };
const ben = { email: "ben.ahmed1@northwind.example", name: "Ben Ahmed" };
const chloe = { email: "chloe.ahmed2@adventure-works.example", name: "Chloé Ahmed" };
const dev = { email: "dev.ahmed3@tailspin.example", name: "Dev Ahmed" };

/** A read message, a reply being written, a meeting the rep organises and one they were invited to. */
export function demoItems(me: DemoPerson): DemoItem[] {
  const colleague = demoReps.find((r) => r.email !== me.email)!;
  return [
    {
      id: "read", kind: "message", mode: "read", subject: "Quote for next quarter", summary: `${ana.name} · inbox`,
      from: ana, to: [me], internetMessageId: "<try.read.1@sample.contoso.com>",
    },
    { id: "compose", kind: "message", mode: "compose", subject: "RE: Pricing question", summary: `Reply to ${ben.name} · draft`, to: [ben], cc: [colleague] },
    {
      id: "organizer", kind: "appointment", mode: "read", subject: "Proposal draft", summary: `Meeting you organise · ${chloe.name}`,
      organizer: me, required: [chloe, colleague],
    },
    { id: "attendee", kind: "appointment", mode: "read", subject: "Trial feedback", summary: `Invitation from ${dev.name}`, organizer: dev, required: [me] },
  ];
}
