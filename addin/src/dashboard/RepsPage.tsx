import { useCallback, useEffect, useState } from "react";
import { Button, MessageBar, MessageBarBody, Select, Spinner, Switch, Text } from "@fluentui/react-components";
import { changeRep, lagText, listReps, syncStatus, when, type Rep, type RepChange, type SyncStatus } from "./console";
import { errorText } from "./labels";
import { SimpleTable } from "./SimpleTable";
import { useDashboardStyles } from "./styles";

/** The team: each rep's role, whether they are active and whether their mailbox syncs; and how each mailbox's sync is doing. */
export default function RepsPage() {
  const styles = useDashboardStyles();
  const [reps, setReps] = useState<Rep[] | null>(null);
  const [sync, setSync] = useState<SyncStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState<number | null>(null);

  const load = useCallback(() => {
    listReps().then(setReps, (e) => setError(errorText(e)));
    syncStatus().then(setSync, (e) => setError(errorText(e)));
  }, []);
  useEffect(load, [load]);

  async function change(rep: Rep, c: RepChange) {
    setSaving(rep.id);
    setError(null);
    try {
      const saved = await changeRep(rep.id, c);
      setReps((all) => all?.map((r) => (r.id === saved.id ? saved : r)) ?? null);
      syncStatus().then(setSync, () => undefined);
    } catch (e) {
      setError(`${rep.displayName} was not changed: ${errorText(e)}`);
    } finally {
      setSaving(null);
    }
  }

  return (
    <>
      {error && (
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      <section className={styles.card} aria-labelledby="reps-title" data-testid="reps">
        <div className={styles.cardHeader}>
          <Text as="h2" id="reps-title" size={500} weight="semibold">
            Reps
          </Text>
          <Button size="small" onClick={load}>
            Refresh
          </Button>
        </div>
        {!reps ? (
          <Spinner size="small" label="Loading…" />
        ) : (
          <SimpleTable
            caption="Everyone who owns leads"
            testId="reps-table"
            columns={["Name", "Email", "Role", "Active", "Mailbox sync"]}
            rows={reps.map((r) => [
              r.displayName,
              r.email,
              <Select key="role" size="small" aria-label={`Role of ${r.displayName}`} value={r.role} disabled={saving === r.id} onChange={(_, d) => void change(r, { role: d.value as Rep["role"] })}>
                <option value="rep">Rep</option>
                <option value="manager">Manager</option>
              </Select>,
              <Switch key="active" aria-label={`${r.displayName} is active`} checked={r.active} disabled={saving === r.id} onChange={(_, d) => void change(r, { active: d.checked })} />,
              <Switch key="sync" aria-label={`Mailbox sync for ${r.displayName}`} checked={r.syncEnabled} disabled={saving === r.id} onChange={(_, d) => void change(r, { syncEnabled: d.checked })} />,
            ])}
          />
        )}
      </section>
      <section className={styles.card} aria-labelledby="sync-title" data-testid="sync-health">
        <Text as="h2" id="sync-title" size={500} weight="semibold">
          Mailbox sync health
        </Text>
        {!sync ? (
          <Spinner size="small" label="Loading…" />
        ) : (
          <>
            <Text className={styles.quiet}>
              {sync.mailboxes} mailboxes, {sync.streamsInError} streams in error, as of {when(sync.at)}.
            </Text>
            <SimpleTable
              caption="Each mailbox's streams"
              testId="sync-table"
              empty="No mailbox has synced yet."
              columns={["Rep", "Stream", "State", "Last round", "Lag", "Last error"]}
              rows={sync.items.flatMap((m) =>
                m.streams.map((s) => [
                  `${m.displayName}${m.syncEnabled ? "" : " (sync off)"}`,
                  s.stream,
                  s.inProgress ? `${s.status} (running)` : s.status,
                  when(s.lastAttemptAt),
                  lagText(s.lagSeconds),
                  s.lastError ?? "–",
                ]),
              )}
            />
          </>
        )}
      </section>
    </>
  );
}
