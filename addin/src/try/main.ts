import { demoItems, demoReps } from "./demoMailbox";
import { officeStandIn, type DemoItem } from "./officeStandIn";

// The try page: a simulated mailbox on the left, the real pane (taskpane.html as it ships, served at /try/pane, the
// one address this origin may frame it at) on the right. The pane takes the Office stand-in from this page before its own code runs (adoptTryPageOffice in office.ts).
const me = demoReps[0];
const items = demoItems(me);
const standIn = officeStandIn(me, items[0]);
(window as unknown as { leadmailTryOffice: unknown }).leadmailTryOffice = standIn.office;

const list = document.getElementById("mailbox")!;
function select(item: DemoItem, button: HTMLButtonElement) {
  for (const b of list.querySelectorAll("button")) b.setAttribute("aria-pressed", String(b === button));
  document.getElementById("reading")!.textContent = `${item.kind === "appointment" ? "Meeting" : item.mode === "compose" ? "Draft" : "Message"}: ${item.subject}`;
  standIn.selectItem(item);
}
items.forEach((item, i) => {
  const button = document.createElement("button");
  button.type = "button";
  button.dataset.item = item.id;
  button.setAttribute("aria-pressed", String(i === 0));
  const subject = document.createElement("strong");
  subject.textContent = item.subject;
  const summary = document.createElement("span");
  summary.textContent = item.summary;
  button.append(subject, summary);
  button.addEventListener("click", () => select(item, button));
  const li = document.createElement("li");
  li.append(button);
  list.append(li);
});
document.getElementById("reading")!.textContent = `Message: ${items[0].subject}`;
document.getElementById("who")!.textContent = `${me.name}'s mailbox (${me.email})`;

const frame = document.createElement("iframe");
frame.title = "LeadMail task pane";
frame.src = "/try/pane";
document.getElementById("pane")!.append(frame);
