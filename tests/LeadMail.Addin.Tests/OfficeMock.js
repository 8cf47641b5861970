// Stands in for Office.js in the browser tests: a mailbox whose current item the test sets and changes.
// Installed with page.AddInitScriptAsync before the pane's own script runs; the real office.js request is
// answered with an empty script. `__officeMock` below is the test's handle on it.
(config) => {
  const handlers = { item: [], recipients: [] };
  const succeeded = (value) => ({ status: "succeeded", value });

  function composeField(list) {
    return {
      _list: list,
      getAsync(options, callback) {
        const cb = typeof options === "function" ? options : callback;
        const copy = this._list.map((r) => ({ ...r }));
        setTimeout(() => cb(succeeded(copy)), 0);
      },
    };
  }

  const person = (p) => ({ emailAddress: p.email, displayName: p.name ?? "", recipientType: "externalUser" });

  function buildItem(spec) {
    if (!spec) return null;
    const list = (xs) => (xs ?? []).map(person);
    const item = {
      itemType: spec.kind ?? "message",
      addHandlerAsync(type, handler, cb) {
        if (type === Office.EventType.RecipientsChanged) handlers.recipients.push(handler);
        cb?.(succeeded(undefined));
      },
      removeHandlerAsync(_type, cb) {
        cb?.(succeeded(undefined));
      },
    };
    const compose = spec.mode === "compose";
    if (item.itemType === "appointment") {
      item.requiredAttendees = compose ? composeField(list(spec.required)) : list(spec.required);
      item.optionalAttendees = compose ? composeField(list(spec.optional)) : list(spec.optional);
      if (!compose && spec.organizer) item.organizer = person(spec.organizer);
      item.subject = compose ? { getAsync: (cb) => cb(succeeded(spec.subject ?? "")) } : spec.subject;
    } else if (compose) {
      item.to = composeField(list(spec.to));
      item.cc = composeField(list(spec.cc));
      item.bcc = composeField(list(spec.bcc));
      item.subject = { getAsync: (cb) => cb(succeeded(spec.subject ?? "")) };
    } else {
      item.from = spec.from ? person(spec.from) : undefined;
      item.to = list(spec.to);
      item.cc = list(spec.cc);
      item.subject = spec.subject ?? "";
      item.internetMessageId = spec.internetMessageId ?? "";
      item.dateTimeCreated = new Date(spec.sentAt ?? Date.now());
    }
    return item;
  }

  const mailbox = {
    userProfile: { emailAddress: config.me, displayName: config.meName ?? config.me },
    item: buildItem(config.item),
    // Outlook opens a compose window; the mock records what it was asked to open.
    newMessageForms: [],
    displayNewMessageForm(parameters) {
      mailbox.newMessageForms.push(JSON.parse(JSON.stringify(parameters ?? {})));
    },
    addHandlerAsync(type, handler, cb) {
      if (type === Office.EventType.ItemChanged) handlers.item.push(handler);
      cb?.(succeeded(undefined));
    },
  };

  window.Office = {
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    EventType: { ItemChanged: "olkItemSelectedChanged", RecipientsChanged: "olkRecipientsChanged" },
    MailboxEnums: { ItemType: { Message: "message", Appointment: "appointment" } },
    HostType: { Outlook: "Outlook" },
    context: {
      displayLanguage: "en-US",
      officeTheme: config.theme ?? { bodyBackgroundColor: "#ffffff", bodyForegroundColor: "#000000" },
      mailbox,
    },
    onReady(callback) {
      const info = { host: "Outlook", platform: "OfficeOnline" };
      return new Promise((resolve) =>
        setTimeout(() => {
          callback?.(info);
          resolve(info);
        }, 0),
      );
    },
  };

  window.__officeMock = {
    // The compose forms the pane asked Outlook to open, oldest first.
    newMessageForms: () => mailbox.newMessageForms,
    // The pinned pane: Outlook swaps the item and raises ItemChanged.
    selectItem(spec) {
      handlers.recipients = [];
      mailbox.item = buildItem(spec);
      for (const h of handlers.item) h({ type: Office.EventType.ItemChanged });
    },
    // The rep types another recipient in a compose form.
    setRecipients(field, people) {
      mailbox.item[field]._list = people.map(person);
      for (const h of handlers.recipients) h({ type: Office.EventType.RecipientsChanged, changedRecipientFields: { [field]: true } });
    },
  };
}
