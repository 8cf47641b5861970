import { useEffect, useState } from "react";
import { Button, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, Spinner, Textarea } from "@fluentui/react-components";
import { ApiError, getContact, updateContact } from "../api";
import { changedFields, profileFields, profileOf, profilePatch, type Profile } from "./profile";
import { useCardStyles } from "./styles";

type Loaded = { base: Profile; etag: string };
type Conflict = { current: Loaded; changes: { label: string; value: string }[] };

/**
 * The lead's profile as the API has it now (GET, with its ETag), edited and sent as a merge patch of what the rep
 * changed with If-Match: a colleague's change made meanwhile is shown, never overwritten.
 */
export function ProfileForm(props: { contactId: number; onSaved: () => void; onCancel: () => void }) {
  const styles = useCardStyles();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [values, setValues] = useState<Profile | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);

  useEffect(() => {
    let live = true;
    getContact(props.contactId).then(
      ({ contact, etag }) => {
        if (!live) return;
        const base = profileOf(contact);
        setLoaded({ base, etag });
        setValues(base);
      },
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [props.contactId]);

  if (!loaded || !values) return error ? <Problem text={error} /> : <Spinner size="tiny" label="Loading the profile…" />;

  async function save() {
    const patch = profilePatch(loaded!.base, values!);
    if (Object.keys(patch).length === 0) return props.onCancel();
    setBusy(true);
    setError(null);
    try {
      await updateContact(props.contactId, patch, loaded!.etag);
      props.onSaved();
    } catch (e) {
      if (e instanceof ApiError && e.status === 412) {
        const { contact, etag } = await getContact(props.contactId);
        const current = profileOf(contact);
        setConflict({ current: { base: current, etag }, changes: changedFields(loaded!.base, current) });
      } else setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  function reload() {
    setLoaded(conflict!.current);
    setValues(conflict!.current.base);
    setConflict(null);
  }

  const set = (f: keyof Profile) => (_: unknown, d: { value: string }) => setValues({ ...values, [f]: d.value });
  return (
    <form className={styles.form} aria-label="Edit the profile" onSubmit={(e) => (e.preventDefault(), void save())}>
      {profileFields.map(([f, label]) =>
        f === "background" ? (
          <Field key={f} label={label}>
            <Textarea value={values[f]} onChange={set(f)} rows={3} maxLength={4000} />
          </Field>
        ) : (
          <Field key={f} label={label}>
            <Input className={styles.input} type={f === "firstMetOn" ? "date" : f.toLowerCase().includes("phone") ? "tel" : "text"} value={values[f]} onChange={set(f)} />
          </Field>
        ),
      )}
      {conflict && (
        <MessageBar intent="warning" layout="multiline" role="alert" data-testid="profile-conflict">
          <MessageBarBody>
            <MessageBarTitle>Someone changed this lead while you were editing; here is the current version</MessageBarTitle>
            {conflict.changes.length === 0
              ? "The profile fields are as you loaded them; another part of the lead changed."
              : conflict.changes.map((c) => `${c.label}: ${c.value || "(empty)"}`).join(" · ")}
            <div className={styles.row}>
              <Button appearance="primary" onClick={reload}>
                Reload the current version
              </Button>
            </div>
          </MessageBarBody>
        </MessageBar>
      )}
      {error && <Problem text={error} />}
      <div className={styles.row}>
        <Button appearance="primary" type="submit" disabled={busy || !!conflict}>
          Save profile
        </Button>
        <Button onClick={props.onCancel}>Cancel</Button>
      </div>
    </form>
  );
}

function Problem({ text }: { text: string }) {
  return (
    <MessageBar intent="error" layout="multiline" role="alert">
      <MessageBarBody>{text}</MessageBarBody>
    </MessageBar>
  );
}
