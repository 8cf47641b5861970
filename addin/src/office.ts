// Reads the open mail item through Office.js: who takes part, in which mode, and whether it changes.

export interface Participant {
  email: string;
  name: string;
}

export interface OpenItem {
  kind: "message" | "appointment";
  mode: "read" | "compose";
  participants: Participant[];
  /** Read messages only: lets the lookup say whether this email is already logged. */
  internetMessageId?: string;
  subject?: string;
  /** Read messages: the sender's address, to log this email with the right direction. */
  from?: string;
  sentAt?: string;
}

type Recipients = Office.EmailAddressDetails[];

function getAsync(field: Office.Recipients): Promise<Recipients> {
  return new Promise((resolve) =>
    field.getAsync((r) => resolve(r.status === Office.AsyncResultStatus.Succeeded ? r.value : [])),
  );
}

const isCompose = (field: unknown): field is Office.Recipients =>
  !!field && typeof (field as Office.Recipients).getAsync === "function";

async function addresses(field: unknown): Promise<Recipients> {
  if (!field) return [];
  if (isCompose(field)) return getAsync(field);
  return Array.isArray(field) ? (field as Recipients) : [field as Office.EmailAddressDetails];
}

export function signedInAddress(): string {
  return Office.context.mailbox.userProfile.emailAddress ?? "";
}

const domainOf = (email: string) => email.slice(email.lastIndexOf("@") + 1).toLowerCase();

/** Everyone on the item outside the rep's own organisation (same domain as the signed-in user), each once. */
export function externalOnly(all: Recipients, me: string): Participant[] {
  const ownDomain = domainOf(me);
  const seen = new Set<string>();
  const result: Participant[] = [];
  for (const a of all) {
    const email = (a.emailAddress ?? "").trim().toLowerCase();
    if (!email.includes("@") || seen.has(email) || domainOf(email) === ownDomain) continue;
    seen.add(email);
    result.push({ email, name: a.displayName && a.displayName.toLowerCase() !== email ? a.displayName : "" });
  }
  return result;
}

export async function readOpenItem(): Promise<OpenItem | null> {
  const item = Office.context.mailbox.item as (Office.MessageRead & Office.AppointmentRead) | null | undefined;
  if (!item) return null;
  const kind = item.itemType === Office.MailboxEnums.ItemType.Appointment ? "appointment" : "message";
  const me = signedInAddress();

  if (kind === "appointment") {
    const compose = isCompose(item.requiredAttendees);
    const all = [
      ...(compose ? [] : await addresses(item.organizer)),
      ...(await addresses(item.requiredAttendees)),
      ...(await addresses(item.optionalAttendees)),
    ];
    return { kind, mode: compose ? "compose" : "read", participants: externalOnly(all, me) };
  }

  const compose = isCompose(item.to);
  if (compose) {
    const all = [...(await addresses(item.to)), ...(await addresses(item.cc)), ...(await addresses((item as unknown as Office.MessageCompose).bcc))];
    return { kind, mode: "compose", participants: externalOnly(all, me) };
  }
  const all = [...(await addresses(item.from)), ...(await addresses(item.to)), ...(await addresses(item.cc))];
  return {
    kind,
    mode: "read",
    participants: externalOnly(all, me),
    internetMessageId: item.internetMessageId || undefined,
    subject: item.subject,
    from: item.from?.emailAddress?.toLowerCase(),
    sentAt: item.dateTimeCreated ? new Date(item.dateTimeCreated).toISOString() : undefined,
  };
}

/** The pinned pane stays open while the rep moves to another item; recipients change while they type. */
export function watchItem(onItemChanged: () => void, onRecipientsChanged: () => void) {
  Office.context.mailbox.addHandlerAsync(Office.EventType.ItemChanged, onItemChanged);
  watchRecipients(onRecipientsChanged);
}

export function watchRecipients(onRecipientsChanged: () => void) {
  const item = Office.context.mailbox.item as Office.MessageCompose | null | undefined;
  if (item && typeof item.addHandlerAsync === "function" && isCompose((item as Office.MessageCompose).to ?? (item as unknown as Office.AppointmentCompose).requiredAttendees)) {
    item.addHandlerAsync(Office.EventType.RecipientsChanged, onRecipientsChanged);
  }
}

/** Office's own theme, so the pane is dark when Outlook is. */
export function officeIsDark(): boolean {
  const bg = Office.context.officeTheme?.bodyBackgroundColor;
  if (!bg || !/^#?[0-9a-f]{6}$/i.test(bg)) return window.matchMedia?.("(prefers-color-scheme: dark)").matches ?? false;
  const hex = bg.replace("#", "");
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5;
}

/**
 * Framed by this origin's try page, the pane takes that page's Office stand-in in place of Office.js, so it runs
 * unchanged beside a simulated mailbox. In Outlook the parent is another origin and reading it throws: nothing changes.
 */
export function adoptTryPageOffice() {
  try {
    if (window.parent === window) return;
    const offered = (window.parent as unknown as { leadmailTryOffice?: typeof Office }).leadmailTryOffice;
    if (offered) (window as unknown as { Office: typeof Office }).Office = offered;
  } catch {
    // A cross-origin parent: Outlook on the web.
  }
}

/** Whether the page runs inside Outlook (or the try page's stand-in): Office.js outside Office reports no host. */
export function inOutlook(info: { host: Office.HostType | null } | undefined): boolean {
  return !!info?.host && info.host === Office.HostType.Outlook && !!Office.context?.mailbox;
}
