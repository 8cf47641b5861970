// The Office.js surface the pane uses, for the try page: a mailbox whose current item the page sets and changes,
// raising ItemChanged and RecipientsChanged as Outlook does. The pane adopts it from its parent frame (office.ts).

export interface DemoPerson {
  email: string;
  name: string;
}

export interface DemoItem {
  id: string;
  kind: "message" | "appointment";
  mode: "read" | "compose";
  subject: string;
  /** What the mailbox list says about the item. */
  summary: string;
  from?: DemoPerson;
  to?: DemoPerson[];
  cc?: DemoPerson[];
  organizer?: DemoPerson;
  required?: DemoPerson[];
  optional?: DemoPerson[];
  internetMessageId?: string;
  sentAt?: string;
}

type Handler = (e: { type: string }) => void;
type Result<T> = { status: string; value: T };

const EventType = { ItemChanged: "olkItemSelectedChanged", RecipientsChanged: "olkRecipientsChanged" };
const succeeded = <T>(value: T): Result<T> => ({ status: "succeeded", value });
const details = (p: DemoPerson) => ({ emailAddress: p.email, displayName: p.name, recipientType: "externalUser" });

function composeField(list: DemoPerson[]) {
  return {
    getAsync(options: unknown, callback?: (r: Result<unknown>) => void) {
      const cb = (typeof options === "function" ? options : callback) as (r: Result<unknown>) => void;
      setTimeout(() => cb(succeeded(list.map(details))), 0);
    },
  };
}

function itemOf(spec: DemoItem, recipients: Handler[]) {
  const item: Record<string, unknown> = {
    itemType: spec.kind,
    addHandlerAsync(type: string, handler: Handler, cb?: (r: Result<undefined>) => void) {
      if (type === EventType.RecipientsChanged) recipients.push(handler);
      cb?.(succeeded(undefined));
    },
    removeHandlerAsync(_type: string, cb?: (r: Result<undefined>) => void) {
      cb?.(succeeded(undefined));
    },
  };
  const compose = spec.mode === "compose";
  const subject = compose ? { getAsync: (cb: (r: Result<string>) => void) => cb(succeeded(spec.subject)) } : spec.subject;
  if (spec.kind === "appointment") {
    item.requiredAttendees = compose ? composeField(spec.required ?? []) : (spec.required ?? []).map(details);
    item.optionalAttendees = compose ? composeField(spec.optional ?? []) : (spec.optional ?? []).map(details);
    if (!compose && spec.organizer) item.organizer = details(spec.organizer);
  } else if (compose) {
    item.to = composeField(spec.to ?? []);
    item.cc = composeField(spec.cc ?? []);
    item.bcc = composeField([]);
  } else {
    item.from = spec.from && details(spec.from);
    item.to = (spec.to ?? []).map(details);
    item.cc = (spec.cc ?? []).map(details);
    item.internetMessageId = spec.internetMessageId ?? "";
    item.dateTimeCreated = new Date(spec.sentAt ?? Date.now());
  }
  item.subject = subject;
  return item;
}

/** An Office stand-in signed in as `me`, showing `first`; selectItem swaps the item and raises ItemChanged. */
export function officeStandIn(me: DemoPerson, first: DemoItem) {
  const itemHandlers: Handler[] = [];
  let recipientHandlers: Handler[] = [];
  const mailbox = {
    userProfile: { emailAddress: me.email, displayName: me.name },
    item: itemOf(first, recipientHandlers) as unknown,
    addHandlerAsync(type: string, handler: Handler, cb?: (r: Result<undefined>) => void) {
      if (type === EventType.ItemChanged) itemHandlers.push(handler);
      cb?.(succeeded(undefined));
    },
  };
  const office = {
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    EventType,
    MailboxEnums: { ItemType: { Message: "message", Appointment: "appointment" } },
    HostType: { Outlook: "Outlook" },
    context: { displayLanguage: navigator.language, officeTheme: { bodyBackgroundColor: "#ffffff", bodyForegroundColor: "#000000" }, mailbox },
    onReady(callback?: (info: { host: string; platform: string }) => void) {
      const info = { host: "Outlook", platform: "OfficeOnline" };
      return new Promise((resolve) =>
        setTimeout(() => {
          callback?.(info);
          resolve(info);
        }, 0),
      );
    },
  };
  return {
    office,
    selectItem(spec: DemoItem) {
      recipientHandlers = [];
      mailbox.item = itemOf(spec, recipientHandlers);
      for (const h of itemHandlers) h({ type: EventType.ItemChanged });
    },
  };
}
